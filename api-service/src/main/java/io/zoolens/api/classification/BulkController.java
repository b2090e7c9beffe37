package io.zoolens.api.classification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/classifications/bulk}: file many items into an album, take them out, or delete them. */
@RestController
@Tag(name = "classifications")
class BulkController {

    private final BulkEdits edits;
    private final CurrentOwner currentOwner;

    BulkController(BulkEdits edits, CurrentOwner currentOwner) {
        this.edits = edits;
        this.currentOwner = currentOwner;
    }

    @PostMapping("/api/classifications/bulk")
    @Operation(
            summary = "File up to 100 items into an album (albumId), out of it (albumId null), or delete them;"
                    + " ids that are not yours are listed as notFound")
    BulkResponse bulk(@Valid @RequestBody BulkRequest body, HttpServletRequest request) {
        List<String> ids = body.ids().stream().distinct().toList();
        return currentOwner
                .find(request)
                .map(owner -> "delete".equals(body.action())
                        ? edits.delete(owner.id(), ids, body.albumId())
                        : edits.file(owner.id(), ids, body.albumId()))
                .orElseGet(() -> new BulkResponse(body.action(), 0, ids));
    }

    record BulkRequest(
            @NotNull @Size(min = 1, max = 100) List<@NotNull @Size(min = 1, max = 64) String> ids,

            @NotNull @Pattern(regexp = "file|delete", message = "must be file or delete")
            String action,

            @Size(min = 1, max = 64) String albumId) {}

    /** How many of the items were changed, and which ids named no item of yours. */
    record BulkResponse(String action, long updated, List<String> notFound) {}
}
