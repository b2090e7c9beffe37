package io.zoolens.classifier.inference;

import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageLimits;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ImageDecodingConfiguration {

    @Bean
    ImageDecoder imageDecoder(UploadProperties upload) {
        return new ImageDecoder(ImageLimits.of(upload.maxBytes().toBytes(), upload.maxPixels(), upload.allowedTypes()));
    }
}
