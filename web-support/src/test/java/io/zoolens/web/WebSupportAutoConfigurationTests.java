package io.zoolens.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.ImageDecoder;
import jakarta.servlet.MultipartConfigElement;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;

class WebSupportAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(WebSupportAutoConfiguration.class, MultipartAutoConfiguration.class));

    @Test
    void theDefaultsAreTenMebibytesAndFortyMegapixels() {
        runner.run(context -> {
            UploadProperties upload = context.getBean(UploadProperties.class);
            assertThat(upload.maxBytes().toBytes()).isEqualTo(10L * 1024 * 1024);
            assertThat(context.getBean(ImageDecoder.class).limits().maxPixels()).isEqualTo(40_000_000L);
            assertThat(upload.thumbnailEdge()).isEqualTo(256);
        });
    }

    @Test
    void multipartLimitsFollowTheUploadLimitWithTheFormHeadroom() {
        runner.withPropertyValues("zoolens.upload.max-bytes=2MB").run(context -> {
            MultipartConfigElement multipart = context.getBean(MultipartConfigElement.class);
            assertThat(multipart.getMaxFileSize()).isEqualTo(2 * 1024 * 1024 + 512 * 1024);
            assertThat(multipart.getMaxRequestSize()).isEqualTo(3 * 1024 * 1024);
            assertThat(context.getBean(ImageDecoder.class).limits().maxBytes()).isEqualTo(2 * 1024 * 1024);
        });
    }

    @Test
    void theRequestIdFilterRunsFirst() {
        runner.run(context -> {
            FilterRegistrationBean<?> registration = context.getBean("requestIdFilter", FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(RequestIdFilter.class);
            assertThat(registration.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
        });
    }
}
