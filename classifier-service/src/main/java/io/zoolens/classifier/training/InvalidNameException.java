package io.zoolens.classifier.training;

/** A name in a training request that is not one the endpoints accept (422 {@code invalid-name}). */
public class InvalidNameException extends RuntimeException {

    private final String field;

    InvalidNameException(String field, String rule) {
        super(field + " " + rule);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
