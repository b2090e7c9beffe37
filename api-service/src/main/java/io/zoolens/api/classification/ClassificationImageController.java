package io.zoolens.api.classification;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import io.zoolens.api.account.Owner;
import io.zoolens.api.system.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** A classification's original and thumbnail, for its owner only, with an ETag for cheap revalidation. */
@RestController
@RequestMapping("/api/classifications")
@Tag(name = "classifications")
class ClassificationImageController {

    /**
     * Private pictures stay in the browser's cache for a day, not a year: on a shared computer they should not
     * outlive the session for long. The ETag makes revalidation after that cheap (304).
     */
    private static final CacheControl PRIVATE_IMAGE =
            CacheControl.maxAge(Duration.ofDays(1)).cachePrivate();

    private final ClassificationStore store;
    private final ImageStore images;
    private final CurrentOwner currentOwner;

    ClassificationImageController(ClassificationStore store, ImageStore images, CurrentOwner currentOwner) {
        this.store = store;
        this.images = images;
        this.currentOwner = currentOwner;
    }

    @GetMapping("/{id}/image")
    @Operation(summary = "The original image bytes")
    ResponseEntity<InputStreamResource> image(@PathVariable String id, HttpServletRequest request, WebRequest web) {
        return download(id, request, web, "", (item, store) -> store.original(item.image()));
    }

    @GetMapping("/{id}/thumbnail")
    @Operation(summary = "A JPEG thumbnail, at most 256 px on its longer edge")
    ResponseEntity<InputStreamResource> thumbnail(@PathVariable String id, HttpServletRequest request, WebRequest web) {
        return download(id, request, web, "-thumbnail", (item, store) -> store.thumbnail(item.image()));
    }

    private ResponseEntity<InputStreamResource> download(
            String id,
            HttpServletRequest request,
            WebRequest web,
            String etagSuffix,
            BiFunction<Classification, ImageStore, java.util.Optional<ImageStore.Download>> open) {
        Classification item = store.get(owner(request, id), id);
        String etag = "\"" + item.image().sha256() + etagSuffix + "\"";
        if (web.checkNotModified(etag)) {
            return null;
        }
        ImageStore.Download download =
                open.apply(item, images).orElseThrow(() -> ApiException.notFound("image of classification", id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(download.contentType()))
                .contentLength(download.length())
                .cacheControl(PRIVATE_IMAGE)
                .eTag(etag)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline()
                                .filename(
                                        etagSuffix.isEmpty() ? filenameOr(item, "image") : "thumbnail.jpg",
                                        StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .body(new InputStreamResource(download.content()));
    }

    private Owner owner(HttpServletRequest request, String id) {
        return currentOwner.find(request).orElseThrow(() -> ApiException.notFound("classification", id));
    }

    private static String filenameOr(Classification item, String fallback) {
        String filename = item.upload().originalFilename();
        return filename == null ? fallback : filename;
    }
}
