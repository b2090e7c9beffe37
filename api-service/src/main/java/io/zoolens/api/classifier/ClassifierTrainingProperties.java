package io.zoolens.api.classifier;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Time-outs of the classifier's training calls ({@code zoolens.classifier-training.*}): a batch of features or a
 * training takes longer than a classification.
 *
 * @param readTimeout how long one features batch or one training may take ({@code
 *     ZOOLENS_CLASSIFIER_TRAINING_READ_TIMEOUT})
 */
@ConfigurationProperties("zoolens.classifier-training")
public record ClassifierTrainingProperties(
        @DefaultValue("10m") Duration readTimeout) {}
