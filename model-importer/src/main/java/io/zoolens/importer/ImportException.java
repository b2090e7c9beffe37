package io.zoolens.importer;

/** A model that cannot be imported, with a message that says why in terms of the model's files. */
public class ImportException extends RuntimeException {

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
