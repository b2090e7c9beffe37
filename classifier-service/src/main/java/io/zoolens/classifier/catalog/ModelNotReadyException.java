package io.zoolens.classifier.catalog;

/** Asked for a model before the first scan of the models folder finished loading it. */
public class ModelNotReadyException extends RuntimeException {

    public ModelNotReadyException(String modelName) {
        super("The models are still loading ('" + modelName + "' among them); try again in a few seconds");
    }
}
