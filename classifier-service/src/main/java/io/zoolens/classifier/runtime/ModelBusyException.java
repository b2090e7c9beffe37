package io.zoolens.classifier.runtime;

import java.time.Duration;

/** Every predictor of a model stayed busy for longer than the acquire timeout. */
public class ModelBusyException extends RuntimeException {

    public ModelBusyException(String modelName, Duration waited) {
        super("All predictors of model '" + modelName + "' stayed busy for " + waited.toMillis()
                + " ms; try again shortly");
    }
}
