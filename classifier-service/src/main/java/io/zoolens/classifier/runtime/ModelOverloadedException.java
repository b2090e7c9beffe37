package io.zoolens.classifier.runtime;

/** The model's queue is full: the request is refused at once rather than queued without limit. */
public class ModelOverloadedException extends RuntimeException {

    public ModelOverloadedException(String modelName, int queueCapacity) {
        super(
                "Model '" + modelName + "' has " + queueCapacity + " requests waiting already; try again shortly",
                null,
                false,
                false);
    }
}
