package io.zoolens.classifier.classify;

/** The model itself failed on a valid input: a server-side problem, reported without internals. */
public class InferenceFailedException extends RuntimeException {

    public InferenceFailedException(String modelName, Throwable cause) {
        super("Model '" + modelName + "' failed to run on this image", cause);
    }
}
