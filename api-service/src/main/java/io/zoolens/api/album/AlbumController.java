package io.zoolens.api.album;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/albums")
@Tag(name = "albums")
class AlbumController {

    private final AlbumRepository albums;
    private final AlbumContents contents;
    private final AlbumRemoval removal;
    private final CurrentOwner currentOwner;
    private final Clock clock;

    AlbumController(
            AlbumRepository albums,
            AlbumContents contents,
            AlbumRemoval removal,
            CurrentOwner currentOwner,
            Clock clock) {
        this.albums = albums;
        this.contents = contents;
        this.removal = removal;
        this.currentOwner = currentOwner;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Create an album; 409 album-name-taken when you have one of that name (ignoring case)")
    @ApiResponse(responseCode = "201", description = "The album, its address in Location")
    ResponseEntity<AlbumResponse> create(@Valid @RequestBody CreateRequest body) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String name = body.name().trim();
        Album album =
                unique(name, () -> albums.insert(Album.create(ownerId(), name, trimmed(body.description()), now)));
        return ResponseEntity.created(URI.create("/api/albums/" + album.id())).body(AlbumResponse.of(album, null));
    }

    @GetMapping
    @Operation(summary = "Own albums, by name, with item counts and cover thumbnails")
    List<AlbumResponse> list() {
        String owner = ownerId();
        List<Album> found = albums.findByOwnerIdOrderByNameAsc(owner);
        Map<String, AlbumContents.Summary> summaries =
                contents.summaries(owner, found.stream().map(Album::id).toList());
        return found.stream()
                .map(album -> AlbumResponse.of(album, summaries.get(album.id())))
                .toList();
    }

    @GetMapping("/{id}")
    AlbumResponse get(@PathVariable String id) {
        Album album = find(id);
        return AlbumResponse.of(
                album, contents.summaries(album.ownerId(), List.of(id)).get(id));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Rename an album or change its description; 409 album-name-taken as on create")
    AlbumResponse update(@PathVariable String id, @Valid @RequestBody UpdateRequest body) {
        Album album = find(id);
        Album renamed = album.renamed(
                body.name() == null ? null : body.name().trim(),
                body.description() == null ? null : body.description().trim());
        Album changed = unique(renamed.name(), () -> albums.save(renamed));
        return AlbumResponse.of(
                changed, contents.summaries(album.ownerId(), List.of(id)).get(id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete an album; its items stay, unfiled. A class of a custom model: 409 album-in-custom-model"
                    + " unless customModels=remove-class, which drops it from those models' classes first")
    void delete(
            @PathVariable String id,
            @RequestParam(required = false) @Pattern(regexp = "remove-class", message = "must be remove-class")
                    String customModels) {
        removal.remove(find(id), customModels != null);
    }

    /** The unique index decides, so two requests at once cannot both take a name. */
    private static Album unique(String name, Supplier<Album> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw new ApiException(
                    ProblemType.ALBUM_NAME_TAKEN,
                    "You already have an album called \u201c" + name + "\u201d (names are compared ignoring case).",
                    Map.of("name", name),
                    null);
        }
    }

    private Album find(String id) {
        return albums.findByIdAndOwnerId(id, ownerId()).orElseThrow(() -> ApiException.notFound("album", id));
    }

    private String ownerId() {
        // Albums need an account (see SecurityConfig); a guest never gets here.
        return currentOwner.userId().orElseThrow(() -> new IllegalStateException("albums need an account"));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    record CreateRequest(
            @NotBlank @Size(max = 100) String name,
            @Size(max = 500) String description) {}

    record UpdateRequest(
            @Size(min = 1, max = 100) String name,
            @Size(max = 500) String description) {}

    record AlbumResponse(
            String id, String name, String description, Instant createdAt, long itemCount, String coverThumbnailUrl) {

        static AlbumResponse of(Album album, AlbumContents.Summary summary) {
            return new AlbumResponse(
                    album.id(),
                    album.name(),
                    album.description(),
                    album.createdAt(),
                    summary == null ? 0 : summary.count(),
                    summary == null || summary.newestItemId() == null
                            ? null
                            : "/api/classifications/" + summary.newestItemId() + "/thumbnail");
        }
    }
}
