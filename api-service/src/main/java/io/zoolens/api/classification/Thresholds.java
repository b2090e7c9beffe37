package io.zoolens.api.classification;

/**
 * How a stored answer is shown: at most {@code topK} labels, and only labels and objects scoring at least {@code
 * minScore}. An upload keeps the thresholds it was made with; a re-read may ask for others.
 */
public record Thresholds(int topK, double minScore) {

    public static final int MAX_TOP_K = 100;

    /** What the public API applies when nothing is asked for (before issue 12: the classifier's own defaults). */
    public static final Thresholds DEFAULT = new Thresholds(5, 0.3);

    /** A custom model's default: every class with its percentage, highest first (at most {@link #MAX_TOP_K}). */
    public static final Thresholds EVERY_CLASS = new Thresholds(MAX_TOP_K, 0);

    /** The given values, each falling back to {@code fallback}'s when absent (validated by the controller). */
    static Thresholds of(Integer topK, Double minScore, Thresholds fallback) {
        return new Thresholds(topK == null ? fallback.topK() : topK, minScore == null ? fallback.minScore() : minScore);
    }
}
