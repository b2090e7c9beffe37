package io.zoolens.classifier.training;

import io.zoolens.classifier.catalog.ModelProperties;
import io.zoolens.training.compose.ComposedModelWriter;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.job.CustomModelTrainer;
import io.zoolens.web.UploadProperties;
import jakarta.servlet.MultipartConfigElement;
import java.time.Clock;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** The model-training pieces the endpoints share, built from {@code zoolens.training.*}. */
@Configuration(proxyBeanMethods = false)
class TrainingConfiguration {

    @Bean
    FeatureCache featureCache(TrainingProperties properties, ModelProperties models) {
        return new FeatureCache(properties.featureCacheDir(models.dir()));
    }

    @Bean
    CustomModelTrainer customModelTrainer(TrainingProperties properties, FeatureCache cache) {
        return new CustomModelTrainer(
                cache,
                new HeadTrainer(HeadTrainer.Settings.defaults()),
                properties.limits().toTrainingLimits(),
                Clock.systemUTC(),
                properties.batchSize(),
                properties.seed());
    }

    @Bean
    ComposedModelWriter composedModelWriter() {
        return new ComposedModelWriter();
    }

    /**
     * web-support's multipart limits allow one image per request; a features request carries up to
     * {@code batch-size} of them, each still held to the upload limit part by part.
     */
    @Bean
    MultipartConfigElement multipartConfigElement(UploadProperties upload, TrainingProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(upload.maxFilePartSize());
        factory.setMaxRequestSize(
                DataSize.ofBytes(upload.maxFilePartSize().toBytes() * Math.max(1, properties.batchSize())
                        + UploadProperties.FORM_HEADROOM.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
