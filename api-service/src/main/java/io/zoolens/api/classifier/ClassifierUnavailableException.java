package io.zoolens.api.classifier;

/**
 * The classifier could not answer now (down, 5xx, too slow, circuit open); the same request may work later.
 * {@code retryableNow} says whether retrying at once, within the same call, makes sense (not after a time-out).
 */
public class ClassifierUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryableNow;

    public ClassifierUnavailableException(String message, boolean retryableNow, Throwable cause) {
        super(message, cause);
        this.retryableNow = retryableNow;
    }

    public boolean retryableNow() {
        return retryableNow;
    }
}
