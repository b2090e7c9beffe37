package io.zoolens.classifier.training;

/** The models folder (or the feature cache) cannot be written, so nothing can be trained or deleted (503). */
public class ModelsFolderReadOnlyException extends RuntimeException {

    ModelsFolderReadOnlyException(String what) {
        super("The " + what + " is read-only here; custom models need it writable (docs/custom-models.md)");
    }
}
