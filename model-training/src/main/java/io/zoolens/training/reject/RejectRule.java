package io.zoolens.training.reject;

import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * "None of my classes": a picture is {@code unknown} when it lies farther from every class than nearly all
 * training pictures lie from theirs, or when the head is less sure than it nearly always is when right.
 * Both thresholds come from the training data: the centroid similarity from each picture's cosine similarity
 * to its own class centroid computed without it, the probability from the cross-validated (out-of-fold)
 * probabilities of pictures the head got right; each is the {@code quantile} of those values, so about
 * that share of pictures like the training ones is refused.
 *
 * @param centroids unit-length class centroids of the L2-normalised feature vectors, in label order
 */
public record RejectRule(double minSimilarity, double minProbability, float[][] centroids, double quantile) {

    public static final double DEFAULT_QUANTILE = 0.05;

    /** The similarity threshold lies at least this far below the median own-class similarity. */
    public static final double MIN_SPREAD = 0.01;

    /** The probability threshold is at most this: a head this sure of one class is not hesitating between two. */
    public static final double MAX_MIN_PROBABILITY = 0.9;

    /** One class and its probability, a hint when the answer is {@code unknown}. */
    public record Guess(String label, double probability) {}

    /** The answer: a class, or unknown with the best guesses; {@code similarity} to the nearest centroid. */
    public record Verdict(boolean unknown, String label, List<Guess> guesses, double similarity) {}

    public static RejectRule calibrate(LabelledVectors data, double[][] outOfFold, double quantile) {
        float[][] sums = classSums(data);
        double[] similarities = ownClassSimilarities(data);
        List<Double> rightProbabilities = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            if (SoftmaxHead.best(outOfFold[i]) == data.classes()[i]) {
                rightProbabilities.add(outOfFold[i][data.classes()[i]]);
            }
        }
        // Bounded like the similarity: heads on near-identical pictures are right at 0.999+, and a quantile of
        // those would refuse a close variant that is "only" 99% sure.
        double minProbability = rightProbabilities.isEmpty()
                ? 0
                : Math.min(
                        MAX_MIN_PROBABILITY,
                        quantile(
                                rightProbabilities.stream()
                                        .mapToDouble(Double::doubleValue)
                                        .toArray(),
                                quantile));
        float[][] centroids = new float[sums.length][];
        for (int c = 0; c < sums.length; c++) {
            centroids[c] = unit(sums[c]);
        }
        return new RejectRule(minSimilarity(similarities, quantile), minProbability, centroids, quantile);
    }

    /**
     * The similarity threshold: the {@code quantile} of the training pictures' own-class similarities, but at least
     * {@link #MIN_SPREAD} below their median. Near-identical training pictures (crops of one photo) lie within a
     * few thousandths of their centroid, so the plain quantile (0.999) refused close variants of them; unrelated
     * photos lie several hundredths lower (docs/custom-models.md, measured), so the margin keeps them out.
     */
    static double minSimilarity(double[] similarities, double quantile) {
        return Math.min(quantile(similarities, quantile), quantile(similarities, 0.5) - MIN_SPREAD);
    }

    /**
     * Each picture's cosine similarity to its own class's centroid computed without it (1 for a class of one
     * picture), in picture order.
     */
    public static double[] ownClassSimilarities(LabelledVectors data) {
        float[][] sums = classSums(data);
        int[] counts = data.counts();
        double[] similarities = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            int c = data.classes()[i];
            if (counts[c] < 2) {
                similarities[i] = 1;
                continue;
            }
            float[] others = sums[c].clone();
            float[] x = data.vectors()[i];
            for (int j = 0; j < others.length; j++) {
                others[j] -= x[j];
            }
            similarities[i] = cosine(x, others);
        }
        return similarities;
    }

    /** The value below which {@code share} of the values lie (nearest rank), as the rule computes it. */
    public static double quantileOf(double[] values, double share) {
        return quantile(values, share);
    }

    /** The verdict for one picture's features and the head's probabilities for it; {@code hints} guesses at most. */
    public Verdict decide(List<String> labels, float[] features, double[] probabilities, int hints) {
        double similarity = Double.NEGATIVE_INFINITY;
        for (float[] centroid : centroids) {
            similarity = Math.max(similarity, cosine(features, centroid));
        }
        Integer[] order = new Integer[probabilities.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<Guess> guesses = new ArrayList<>();
        for (int r = 0; r < Math.min(hints, order.length); r++) {
            guesses.add(new Guess(labels.get(order[r]), probabilities[order[r]]));
        }
        boolean unknown = similarity < minSimilarity || probabilities[order[0]] < minProbability;
        return new Verdict(unknown, unknown ? null : labels.get(order[0]), guesses, similarity);
    }

    private static float[][] classSums(LabelledVectors data) {
        float[][] sums = new float[data.labels().size()][data.dimension()];
        for (int i = 0; i < data.size(); i++) {
            float[] sum = sums[data.classes()[i]];
            float[] x = data.vectors()[i];
            for (int j = 0; j < x.length; j++) {
                sum[j] += x[j];
            }
        }
        return sums;
    }

    /** The value below which {@code share} of the values lie (nearest rank). */
    static double quantile(double[] values, double share) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.floor(share * (sorted.length - 1));
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        float[] u = new float[v.length];
        if (norm == 0) {
            return u;
        }
        double inverse = 1 / Math.sqrt(norm);
        for (int j = 0; j < v.length; j++) {
            u[j] = (float) (v[j] * inverse);
        }
        return u;
    }
}
