package io.zoolens.classifier.runtime;

import java.nio.file.Path;

/** A model folder that cannot be served; the service keeps running without it. */
public class InvalidModelException extends Exception {

    InvalidModelException(Path directory, String reason) {
        this(directory, reason, null);
    }

    InvalidModelException(Path directory, String reason, Throwable cause) {
        super("Model folder " + directory + " cannot be served: " + reason, cause);
    }
}
