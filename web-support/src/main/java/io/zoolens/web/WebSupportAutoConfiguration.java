package io.zoolens.web;

import io.zoolens.image.ImageDecoder;
import io.zoolens.image.Thumbnails;
import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * What every Zoolens service gets by depending on {@code web-support}: the request-id filter, the upload limits
 * ({@link UploadProperties}), the one image decoder built from them, the thumbnail writer, and multipart limits that
 * follow them.
 * Before Spring Boot's multipart configuration, which steps back when this one has made its element.
 */
@AutoConfiguration(before = MultipartAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(UploadProperties.class)
public class WebSupportAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // Before Spring Session and Spring Security, so their refusals carry the id as well.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** The shared decoding path (image-support); a bad ZOOLENS_UPLOAD_ALLOWED_TYPES stops the start-up. */
    @Bean
    @ConditionalOnMissingBean
    ImageDecoder imageDecoder(UploadProperties upload) {
        return new ImageDecoder(upload.imageLimits());
    }

    /** The shared JPEG writer for thumbnails and downscaled copies (libjpeg-turbo when it is installed). */
    @Bean
    @ConditionalOnMissingBean
    Thumbnails thumbnails() {
        return new Thumbnails();
    }

    /**
     * Multipart limits derived from {@code zoolens.upload.max-bytes}, so the two never disagree: an image a little
     * over the limit still reaches the controller, which answers the precise 413 {@code image-too-large}; a far
     * larger request is cut off by the container, and the service's error handler maps that to a 413 as well.
     */
    @Bean
    @ConditionalOnMissingBean
    MultipartConfigElement multipartConfigElement(UploadProperties upload) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(upload.maxFilePartSize());
        factory.setMaxRequestSize(upload.maxFormSize());
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
