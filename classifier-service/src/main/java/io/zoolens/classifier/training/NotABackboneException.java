package io.zoolens.classifier.training;

/** The named model gives no feature vector (no {@code outputs.embedding}), so nothing can be trained on it (422). */
public class NotABackboneException extends RuntimeException {

    NotABackboneException(String name, String version) {
        super("Model " + name + " version " + version + " gives no feature vector, so it cannot be a backbone");
    }
}
