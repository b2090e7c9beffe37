package io.zoolens.classifier.classify;

import io.zoolens.image.ImageDecoder;
import io.zoolens.web.RawImageBody;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * {@code POST /v1/models/{name}:classify} with the image as the raw body (any content type, including curl's
 * default for {@code --data-binary}, {@code application/x-www-form-urlencoded}: see {@code
 * FormBodyAsRawBodyFilter}) or as multipart part {@code image}.
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

    /** Enough for every label of the models Zoolens runs (ImageNet's 1,000 classes, COCO's 80). */
    static final int MAX_TOP_K = 1000;

    @PostMapping("/v1/models/{name}:classify")
    ClassifyResponse classify(
            @PathVariable String name,
            @RequestParam(required = false) String version,
            @RequestParam(required = false) @Min(1) @Max(MAX_TOP_K) Integer topK,
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("1") Float minScore,
            HttpServletRequest request)
            throws IOException, MissingServletRequestPartException {
        byte[] image = request instanceof MultipartHttpServletRequest multipart
                ? imagePart(multipart)
                : RawImageBody.read(request, decoder);
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
}
