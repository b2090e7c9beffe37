package io.zoolens.api.custommodel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quotas of custom models ({@code zoolens.custom-models.*}); over one → {@code quota-exceeded}.
 *
 * @param maxModels models per account ({@code ZOOLENS_CUSTOM_MODELS_MAX_MODELS})
 * @param keptVersions versions kept per model: after a training, the oldest versions that are not active are
 *     deleted, on the classifier too ({@code ZOOLENS_CUSTOM_MODELS_KEPT_VERSIONS})
 * @param maxPictures pictures in one training ({@code ZOOLENS_CUSTOM_MODELS_MAX_PICTURES})
 * @param defaultBackbone the backbone of a model created without one ({@code ZOOLENS_CUSTOM_MODELS_DEFAULT_BACKBONE})
 */
@ConfigurationProperties("zoolens.custom-models")
public record CustomModelProperties(
        @DefaultValue("20") int maxModels,
        @DefaultValue("5") int keptVersions,
        @DefaultValue("20000") int maxPictures,
        @DefaultValue("coco-centernet") String defaultBackbone) {}
