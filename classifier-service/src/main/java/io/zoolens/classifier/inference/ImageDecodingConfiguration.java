package io.zoolens.classifier.inference;

import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageLimits;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
class ImageDecodingConfiguration {

    /** Room above the image limit for the form's headers. */
    private static final DataSize MULTIPART_HEADROOM = DataSize.ofKilobytes(512);

    @Bean
    ImageDecoder imageDecoder(UploadProperties upload) {
        return new ImageDecoder(ImageLimits.of(upload.maxBytes().toBytes(), upload.maxPixels(), upload.allowedTypes()));
    }

    /**
     * Multipart limits follow {@code zoolens.upload.max-bytes}: an image a little over it still reaches the
     * controller, whose check names both sizes; a far larger form is cut off by the container (also 413).
     */
    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties upload) {
        long limit = upload.maxBytes().toBytes() + MULTIPART_HEADROOM.toBytes();
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(DataSize.ofBytes(limit));
        factory.setMaxRequestSize(DataSize.ofBytes(limit));
        return factory.createMultipartConfig();
    }
}
