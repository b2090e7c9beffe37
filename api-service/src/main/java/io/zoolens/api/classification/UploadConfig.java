package io.zoolens.api.classification;

import io.zoolens.image.ImageDecoder;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class UploadConfig {

    /** Room above the image limit for the form's other parts and headers. */
    private static final DataSize MULTIPART_HEADROOM = DataSize.ofKilobytes(512);

    /** The shared decoding path (image-support); a bad ZOOLENS_UPLOAD_ALLOWED_TYPES stops the start-up. */
    @Bean
    ImageDecoder imageDecoder(UploadProperties upload) {
        return new ImageDecoder(upload.imageLimits());
    }

    /**
     * Multipart limits derived from {@code zoolens.upload.max-bytes}, so the two never disagree: an image a
     * little over the limit still reaches the controller, which answers the precise 413 {@code
     * image-too-large}; a far larger request is cut off by the container and mapped to the same problem.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties upload) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        long file = upload.maxBytes().toBytes() + MULTIPART_HEADROOM.toBytes();
        factory.setMaxFileSize(DataSize.ofBytes(file));
        factory.setMaxRequestSize(DataSize.ofBytes(file + MULTIPART_HEADROOM.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
