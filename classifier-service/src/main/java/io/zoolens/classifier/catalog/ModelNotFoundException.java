package io.zoolens.classifier.catalog;

/** No model of that name is loaded. */
public class ModelNotFoundException extends RuntimeException {

    private final String modelName;

    public ModelNotFoundException(String modelName) {
        super("No model named '" + modelName + "' is loaded");
        this.modelName = modelName;
    }

    public String modelName() {
        return modelName;
    }
}
