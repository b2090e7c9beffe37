package io.zoolens.classifier.inference;

import io.zoolens.image.ImageDecoder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code POST /v1/models/{name}:classify} with the image as the raw body or as multipart part {@code image}. */
@RestController
class ClassifyController {

    private final ClassifyService service;
    private final ImageDecoder decoder;

    ClassifyController(ClassifyService service, ImageDecoder decoder) {
        this.service = service;
        this.decoder = decoder;
    }

    @PostMapping(path = "/v1/models/{name}:classify", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ClassifyResponse classifyMultipart(
            @PathVariable String name,
            @RequestPart("image") MultipartFile image,
            @RequestParam(required = false) String version,
            @RequestParam(required = false) @Min(1) @Max(100) Integer topK,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1") Float minScore)
            throws IOException {
        decoder.checkSize(image.getSize());
        return service.classify(name, version, image.getBytes(), topK, minScore);
    }

    @PostMapping(path = "/v1/models/{name}:classify")
    ClassifyResponse classifyRaw(
            @PathVariable String name,
            @RequestParam(required = false) String version,
            @RequestParam(required = false) @Min(1) @Max(100) Integer topK,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1") Float minScore,
            HttpServletRequest request)
            throws IOException {
        return service.classify(name, version, readBounded(request), topK, minScore);
    }

    /** Reads at most one byte past the limit, so an oversized body never fills the heap. */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        long limit = decoder.limits().maxBytes();
        decoder.checkSize(request.getContentLengthLong());
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            decoder.checkSize(bytes.length);
            return bytes;
        }
    }
}
