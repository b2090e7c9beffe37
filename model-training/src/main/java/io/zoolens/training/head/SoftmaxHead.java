package io.zoolens.training.head;

import java.util.List;

/**
 * A trained head: {@code p = softmax(W·x + b)} on a backbone's feature vector {@code x}. Any input
 * standardisation is already folded into {@code weights} and {@code bias}, so this formula is exactly what
 * the composed TensorFlow graph computes (MatMul, BiasAdd, Softmax).
 *
 * @param weights {@code [classes][dimension]}
 * @param bias {@code [classes]}
 */
public record SoftmaxHead(List<String> labels, float[][] weights, float[] bias) {

    public SoftmaxHead {
        if (weights.length != labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("weights and bias need one row per label");
        }
    }

    public int dimension() {
        return weights[0].length;
    }

    /** Probabilities of every class, in label order; they sum to 1. */
    public double[] probabilities(float[] features) {
        if (features.length != dimension()) {
            throw new IllegalArgumentException("the head takes " + dimension() + " features, not " + features.length);
        }
        double[] logits = new double[labels.size()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) {
            double sum = bias[k];
            float[] row = weights[k];
            for (int j = 0; j < row.length; j++) {
                sum += (double) row[j] * features[j];
            }
            logits[k] = sum;
            max = Math.max(max, sum);
        }
        double total = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - max);
            total += logits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            logits[k] /= total;
        }
        return logits;
    }

    /** The index of the most probable class. */
    public static int best(double[] probabilities) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best;
    }
}
