package io.zoolens.classifier.catalog;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dir the models folder: {@code <dir>/<name>/<version>/zoolens-model.json}
 * @param defaultModel the model readiness waits for and clients get when they name none
 * @param predictors predictors per loaded model version (parallel inferences); 0 = one per core
 * @param scanInterval how often the folder is checked for new, changed or removed versions
 * @param acquireTimeout how long a request waits for a free predictor before it is refused
 */
@ConfigurationProperties("zoolens.models")
public record ModelProperties(
        @DefaultValue("models") Path dir,
        @DefaultValue("coco-centernet") String defaultModel,
        @DefaultValue("0") int predictors,
        @DefaultValue("5s") Duration scanInterval,
        @DefaultValue("30s") Duration acquireTimeout) {

    public int effectivePredictors() {
        return predictors > 0 ? predictors : Runtime.getRuntime().availableProcessors();
    }
}
