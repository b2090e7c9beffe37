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
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * {@code POST /v1/models/{name}:classify} with the image as the raw body or as multipart part
 * {@code image}. A form-encoded body (curl's default for {@code --data-binary}) is refused with 415:
 * the container would parse it as form fields before the image could be read.
 */
@RestController
class ClassifyController {

    static final String IMAGE_PART = "image";

    private final ClassifyService service;
    private final ImageDecoder decoder;

    ClassifyController(ClassifyService service, ImageDecoder decoder) {
        this.service = service;
        this.decoder = decoder;
    }

    @PostMapping(path = "/v1/models/{name}:classify", consumes = "!" + MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ClassifyResponse classify(
            @PathVariable String name,
            @RequestParam(required = false) String version,
            @RequestParam(required = false) @Min(1) @Max(100) Integer topK,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1") Float minScore,
            HttpServletRequest request)
            throws IOException, MissingServletRequestPartException {
        byte[] image = request instanceof MultipartHttpServletRequest multipart ? imagePart(multipart) : body(request);
        return service.classify(name, version, image, topK, minScore);
    }

    private byte[] imagePart(MultipartHttpServletRequest request)
            throws IOException, MissingServletRequestPartException {
        MultipartFile part = request.getFile(IMAGE_PART);
        if (part == null) {
            throw new MissingServletRequestPartException(IMAGE_PART);
        }
        decoder.checkSize(part.getSize());
        return part.getBytes();
    }

    /** Reads at most one byte past the limit, so an oversized body never fills the heap. */
    private byte[] body(HttpServletRequest request) throws IOException {
        long limit = decoder.limits().maxBytes();
        decoder.checkSize(request.getContentLengthLong());
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            decoder.checkSize(bytes.length);
            return bytes;
        }
    }
}
