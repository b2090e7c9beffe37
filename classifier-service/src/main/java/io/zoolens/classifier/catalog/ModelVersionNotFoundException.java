package io.zoolens.classifier.catalog;

import java.util.Collection;

/** The model exists but not in the requested version. */
public class ModelVersionNotFoundException extends RuntimeException {

    public ModelVersionNotFoundException(String modelName, String version, Collection<String> available) {
        super("Model '" + modelName + "' has no version '" + version + "'; loaded versions: "
                + String.join(", ", available));
    }
}
