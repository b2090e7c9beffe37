package io.zoolens.training.head;

/**
 * Trains the softmax head: multinomial logistic regression with L2 regularisation and class weighting
 * (each class weighs as much in the loss as any other, however many pictures it has), solved exactly by
 * {@link SoftmaxRegression} (docs/decisions.md says why not an SGD library). Features are standardised
 * first (mean 0, variance 1 per dimension, as measured on the training set) so one L2 strength suits any
 * backbone; the standardisation is then folded into the head's weights, so the head takes raw features.
 */
public final class HeadTrainer {

    /**
     * @param lambda L2 strength on the standardised weights (the loss is a mean, so it does not grow with
     *     the number of pictures)
     * @param maxIterations L-BFGS iterations at most; it usually stops earlier, at the minimum
     * @param threads threads computing the gradient: 1 (the caller's thread only) unless the caller can spare
     *     cores; the result is the same for any number
     */
    public record Settings(double lambda, int maxIterations, int threads) {

        public Settings(double lambda, int maxIterations) {
            this(lambda, maxIterations, 1);
        }

        public Settings withThreads(int threads) {
            return new Settings(lambda, maxIterations, threads);
        }

        /** λ = 0.01: measured best of 0.001–1 on Fashion-MNIST (docs/custom-models.md); flat from 0.003 to 0.03. */
        public static Settings defaults() {
            return new Settings(0.01, 500, 1);
        }
    }

    /** Below this a dimension counts as constant and gets no weight. */
    private static final double MIN_STD = 1e-6;

    private final Settings settings;

    public HeadTrainer(Settings settings) {
        this.settings = settings;
    }

    public SoftmaxHead train(LabelledVectors data) {
        int n = data.size();
        int d = data.dimension();
        int k = data.labels().size();
        double[] mean = new double[d];
        double[] scale = new double[d];
        standardisation(data, mean, scale);
        double[][] z = new double[n][d];
        double[] sampleWeights = new double[n];
        int[] counts = data.counts();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (data.vectors()[i][j] - mean[j]) * scale[j];
            }
            // Balanced class weights: n / (classes × pictures of this class).
            sampleWeights[i] = (double) n / (k * counts[data.classes()[i]]);
        }
        double[][] theta = new SoftmaxRegression(
                        z, data.classes(), sampleWeights, k, settings.lambda(), settings.threads())
                .fit(settings.maxIterations());
        return fold(data, theta, mean, scale);
    }

    /** W·((x − μ)·s) + b  =  (W·s)·x + (b − Σ W·s·μ). */
    private static SoftmaxHead fold(LabelledVectors data, double[][] theta, double[] mean, double[] scale) {
        int d = mean.length;
        int k = data.labels().size();
        float[][] weights = new float[k][d];
        float[] bias = new float[k];
        for (int c = 0; c < k; c++) {
            double b = theta[c][d];
            for (int j = 0; j < d; j++) {
                double folded = theta[c][j] * scale[j];
                weights[c][j] = (float) folded;
                b -= folded * mean[j];
            }
            bias[c] = (float) b;
        }
        return new SoftmaxHead(data.labels(), weights, bias);
    }

    private static void standardisation(LabelledVectors data, double[] mean, double[] scale) {
        int n = data.size();
        for (float[] vector : data.vectors()) {
            for (int j = 0; j < mean.length; j++) {
                mean[j] += vector[j];
            }
        }
        for (int j = 0; j < mean.length; j++) {
            mean[j] /= n;
        }
        double[] variance = new double[mean.length];
        for (float[] vector : data.vectors()) {
            for (int j = 0; j < mean.length; j++) {
                double diff = vector[j] - mean[j];
                variance[j] += diff * diff;
            }
        }
        for (int j = 0; j < mean.length; j++) {
            double std = Math.sqrt(variance[j] / n);
            scale[j] = std < MIN_STD ? 0 : 1 / std;
        }
    }
}
