package io.zoolens.api.classification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.SchemaProperty;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import io.zoolens.api.account.Owner;
import io.zoolens.api.account.UploadAllowance;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.system.ApiException;
import io.zoolens.image.ImageDecoder;
import io.zoolens.web.RawImageBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploads, the owner's list and items, feedback, filing and removal; the image bytes: {@link ClassificationImageController}. */
@RestController
@RequestMapping("/api/classifications")
@Tag(name = "classifications")
class ClassificationController {

    private static final java.util.regex.Pattern DISGUISING =
            java.util.regex.Pattern.compile("[\\p{Cntrl}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private static final String UPLOAD_SUMMARY =
            "Upload an image, as form part `image` or as the whole body (Content-Type"
                    + " image/*, `filename` in the query): 201 when classified, 202 (PENDING) when the classifier is busy or down";

    private final UploadIntake intake;
    private final ClassificationEdits edits;
    private final ClassificationSearch search;
    private final ClassificationViews views;
    private final CurrentOwner currentOwner;
    private final UploadAllowance allowance;
    private final ImageDecoder decoder;

    ClassificationController(
            UploadIntake intake,
            ClassificationEdits edits,
            ClassificationSearch search,
            ClassificationViews views,
            CurrentOwner currentOwner,
            UploadAllowance allowance,
            ImageDecoder decoder) {
        this.intake = intake;
        this.edits = edits;
        this.search = search;
        this.views = views;
        this.currentOwner = currentOwner;
        this.allowance = allowance;
        this.decoder = decoder;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = UPLOAD_SUMMARY)
    @ApiResponse(responseCode = "201", description = "Classified")
    @ApiResponse(responseCode = "202", description = "Stored as PENDING; its Location answers once it is classified")
    ResponseEntity<ClassificationResponse> upload(
            @RequestPart("image") MultipartFile image,
            @Valid @ParameterObject @ModelAttribute UploadOptions options,
            HttpServletRequest request) {
        // the part is read into memory only once the upload is admitted (rate limits, quota)
        return accept(image.getSize(), () -> bytes(image), image.getOriginalFilename(), options, request);
    }

    /**
     * The same upload with the image as the whole body ({@code curl --data-binary @cat.jpg -H 'Content-Type:
     * image/jpeg'}): no multipart envelope for the service to scan for its boundary, byte by byte, which is most
     * of what a 12 MP form costs the api before decoding (docs/benchmarks.md).
     */
    @PostMapping(consumes = {"image/*", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = UPLOAD_SUMMARY)
    @ApiResponse(responseCode = "201", description = "Classified")
    @ApiResponse(responseCode = "202", description = "Stored as PENDING; its Location answers once it is classified")
    // springdoc keeps one request body per path and method, this method's: so it lists the form's as well
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "The image: as form part `image`, or as the whole body",
            content = {
                @Content(
                        mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                        schema = @Schema(type = "object", requiredProperties = "image"),
                        schemaProperties =
                                @SchemaProperty(name = "image", schema = @Schema(type = "string", format = "binary"))),
                @Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")),
                @Content(
                        mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
                        schema = @Schema(type = "string", format = "binary"))
            })
    ResponseEntity<ClassificationResponse> uploadBody(
            @Valid @ParameterObject @ModelAttribute UploadOptions options,
            @RequestParam(required = false) @Size(max = 1000) String filename,
            HttpServletRequest request)
            throws IOException {
        long declared = request.getContentLengthLong();
        if (declared < 0) {
            // a chunked body tells its size only once read (at most one byte past the limit)
            byte[] image = RawImageBody.read(request, decoder);
            return accept(image.length, () -> image, filename, options, request);
        }
        // as with the form's part: read into memory only once the upload is admitted (rate limits, quota)
        decoder.checkSize(declared);
        return accept(declared, () -> body(request), filename, options, request);
    }

    private ResponseEntity<ClassificationResponse> accept(
            long size, Supplier<byte[]> image, String filename, UploadOptions options, HttpServletRequest request) {
        Owner known = currentOwner.find(request).orElse(null);
        // A new visitor becomes a guest (gets a session) only once the image is accepted: a refused upload leaves
        // nothing behind, not even a session.
        Classification saved;
        try (var admitted = allowance.admit(known, request.getRemoteAddr(), size)) {
            saved = intake.upload(
                    () -> known != null ? known : currentOwner.findOrCreateGuest(request),
                    image.get(),
                    shownName(filename),
                    new UploadIntake.ModelRequest(options.model(), options.customModelId(), options.modelVersion()),
                    options.albumId(),
                    Thresholds.of(
                            options.topK(),
                            options.minScore(),
                            options.customModelId() == null ? Thresholds.DEFAULT : Thresholds.EVERY_CLASS));
        }
        HttpStatus status = saved.status() == Status.PENDING ? HttpStatus.ACCEPTED : HttpStatus.CREATED;
        return ResponseEntity.status(status)
                .location(URI.create(ClassificationResponse.location(saved.id())))
                .body(views.one(saved, null));
    }

    @GetMapping
    @Operation(summary = "Own classifications, newest first; filters by label, album, feedback and status")
    PageResponse<ClassificationResponse> list(
            @Valid @ModelAttribute ClassificationSearch.Filter filter, HttpServletRequest request) {
        return currentOwner
                .find(request)
                .map(owner -> search.find(owner.id(), filter))
                .orElseGet(() -> PageResponse.of(List.of(), filter.page(), filter.size(), 0));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One classification, shown with its upload's thresholds or with topK/minScore given here")
    ClassificationResponse get(
            @PathVariable String id,
            @RequestParam(required = false) @Min(1) @Max(Thresholds.MAX_TOP_K) Integer topK,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1") Double minScore,
            HttpServletRequest request) {
        Classification item = edits.get(owner(request, id), id);
        return views.one(item, Thresholds.of(topK, minScore, item.ownThresholds()));
    }

    @PutMapping("/{id}/feedback")
    @Operation(
            summary = "Say whether the top label is right, optionally with the right label; where nothing was"
                    + " recognised, {\"correct\": false, \"label\"} says what it is and {\"correct\": true} that"
                    + " nothing is there")
    ClassificationResponse feedback(
            @PathVariable String id, @Valid @RequestBody FeedbackRequest body, HttpServletRequest request) {
        return views.one(edits.giveFeedback(owner(request, id), id, body.correct(), body.label()), null);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "File into an album ({\"albumId\": \"...\"}) or out of it ({\"albumId\": null})")
    ClassificationResponse file(
            @PathVariable String id, @Valid @RequestBody FileRequest body, HttpServletRequest request) {
        return views.one(edits.file(owner(request, id), id, body.albumId()), null);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id, HttpServletRequest request) {
        edits.delete(owner(request, id), id);
    }

    private Owner owner(HttpServletRequest request, String id) {
        return currentOwner.find(request).orElseThrow(() -> ApiException.notFound("classification", id));
    }

    private static byte[] bytes(MultipartFile image) {
        try {
            return image.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded image", e);
        }
    }

    private byte[] body(HttpServletRequest request) {
        try {
            return RawImageBody.read(request, decoder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the uploaded image", e);
        }
    }

    private static String shownName(String name) {
        if (name == null) {
            return null;
        }
        // Browsers on some systems send a path; keep only the last segment, and only a sane length. Control
        // characters and bidirectional overrides serve only to disguise a name ("cat", U+202E, "gnp.exe"): dropped.
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        String plain = DISGUISING.matcher(last).replaceAll("");
        if (plain.isBlank()) {
            return null;
        }
        if (plain.length() <= 200) {
            return plain;
        }
        return plain.substring(0, Character.isHighSurrogate(plain.charAt(199)) ? 199 : 200);
    }

    /**
     * What an upload may say besides the image, as query parameters (or, for the form, fields): which model, the
     * album to file it into, and the thresholds it is shown with.
     */
    record UploadOptions(
            @Pattern(regexp = "[A-Za-z0-9._-]{1,64}", message = "must be a model name")
            String model,

            @Size(min = 1, max = 64) String albumId,

            @Pattern(regexp = "[A-Za-z0-9]{1,40}", message = "must be a model id")
            String customModelId,

            @Pattern(regexp = "[0-9]{1,9}", message = "must be a version number")
            String modelVersion,

            @Min(1) @Max(Thresholds.MAX_TOP_K) Integer topK,
            @DecimalMin("0") @DecimalMax("1") Double minScore) {}

    record FeedbackRequest(
            @NotNull Boolean correct, @Size(max = 100) String label) {}

    record FileRequest(@Size(min = 1, max = 64) String albumId) {}
}
