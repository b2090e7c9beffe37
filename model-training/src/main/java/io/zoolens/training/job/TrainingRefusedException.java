package io.zoolens.training.job;

import java.util.List;

/**
 * A training request that cannot be trained, with the reason as a stable code (for a problem type) and, when
 * pictures are in two classes, which.
 */
public final class TrainingRefusedException extends RuntimeException {

    public enum Reason {
        TOO_FEW_CLASSES,
        TOO_MANY_CLASSES,
        DUPLICATE_CLASS,
        EMPTY_CLASS,
        TOO_FEW_PICTURES,
        TOO_MANY_PICTURES,
        PICTURE_IN_TWO_CLASSES
    }

    /** The same picture (by content) in more than one class: its ids and those classes. */
    public record Conflict(String sha256, List<String> pictureIds, List<String> labels) {}

    private final Reason reason;
    private final transient List<Conflict> conflicts;

    public TrainingRefusedException(Reason reason, String message) {
        this(reason, message, List.of());
    }

    public TrainingRefusedException(Reason reason, String message, List<Conflict> conflicts) {
        super(message);
        this.reason = reason;
        this.conflicts = List.copyOf(conflicts);
    }

    public Reason reason() {
        return reason;
    }

    public List<Conflict> conflicts() {
        return conflicts;
    }
}
