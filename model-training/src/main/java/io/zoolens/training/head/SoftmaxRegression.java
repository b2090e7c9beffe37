package io.zoolens.training.head;

/**
 * Multinomial logistic regression fitted exactly: L-BFGS on the class-weighted mean cross-entropy plus
 * {@code (λ/2)·‖W‖²} (the bias is not regularised). The objective is strictly convex, so the answer is its
 * unique minimum whatever the start, and the same data give the same head. Inputs are expected standardised.
 */
final class SoftmaxRegression {

    /** Gradient norm (relative to the start) at which the minimum counts as found. */
    private static final double TOLERANCE = 1e-6;

    private static final int HISTORY = 10;

    private final double[][] x;
    private final int[] y;
    private final double[] sampleWeights;
    private final int classes;
    private final int dimension;
    private final double lambda;

    /**
     * @param sampleWeights per picture; the loss is their weighted mean
     */
    SoftmaxRegression(double[][] x, int[] y, double[] sampleWeights, int classes, double lambda) {
        this.x = x;
        this.y = y;
        this.sampleWeights = sampleWeights;
        this.classes = classes;
        this.dimension = x.length == 0 ? 0 : x[0].length;
        this.lambda = lambda;
    }

    /** The parameters, {@code [classes][dimension + 1]}: weights, then the bias in the last column. */
    double[][] fit(int maxIterations) {
        int size = classes * (dimension + 1);
        double[] theta = new double[size];
        double[] gradient = new double[size];
        double value = valueAndGradient(theta, gradient);
        double startNorm = Math.max(norm(gradient), 1e-12);
        double[][] s = new double[HISTORY][];
        double[][] g = new double[HISTORY][];
        double[] rho = new double[HISTORY];
        int stored = 0;
        double[] nextGradient = new double[size];
        for (int iteration = 0; iteration < maxIterations && norm(gradient) > TOLERANCE * startNorm; iteration++) {
            double[] direction = direction(gradient, s, g, rho, stored, iteration);
            double slope = dot(direction, gradient);
            if (slope >= 0) { // not a descent direction: start again from steepest descent
                stored = 0;
                direction = negate(gradient);
                slope = dot(direction, gradient);
            }
            double step = 1;
            double[] candidate = new double[size];
            double nextValue;
            while (true) {
                for (int i = 0; i < size; i++) {
                    candidate[i] = theta[i] + step * direction[i];
                }
                nextValue = valueAndGradient(candidate, nextGradient);
                if (nextValue <= value + 1e-4 * step * slope || step < 1e-10) {
                    break;
                }
                step *= 0.5;
            }
            double[] sNew = new double[size];
            double[] gNew = new double[size];
            for (int i = 0; i < size; i++) {
                sNew[i] = candidate[i] - theta[i];
                gNew[i] = nextGradient[i] - gradient[i];
            }
            double sy = dot(sNew, gNew);
            if (sy > 1e-12) {
                int slot = stored < HISTORY ? stored++ : shift(s, g, rho);
                s[slot] = sNew;
                g[slot] = gNew;
                rho[slot] = 1 / sy;
            }
            boolean stalled = Math.abs(value - nextValue) <= 1e-12 * Math.max(1, Math.abs(value));
            theta = candidate;
            value = nextValue;
            System.arraycopy(nextGradient, 0, gradient, 0, size);
            if (stalled) {
                break;
            }
        }
        double[][] parameters = new double[classes][dimension + 1];
        for (int k = 0; k < classes; k++) {
            System.arraycopy(theta, k * (dimension + 1), parameters[k], 0, dimension + 1);
        }
        return parameters;
    }

    /** L-BFGS two-loop recursion: an approximation of −H⁻¹·gradient. */
    private static double[] direction(
            double[] gradient, double[][] s, double[][] g, double[] rho, int stored, int iteration) {
        double[] q = gradient.clone();
        double[] alpha = new double[stored];
        for (int i = stored - 1; i >= 0; i--) {
            alpha[i] = rho[i] * dot(s[i], q);
            axpy(-alpha[i], g[i], q);
        }
        double scale = stored == 0
                ? 1 / Math.max(1, norm(gradient))
                : 1 / (rho[stored - 1] * dot(g[stored - 1], g[stored - 1]));
        for (int i = 0; i < q.length; i++) {
            q[i] *= scale;
        }
        for (int i = 0; i < stored; i++) {
            double beta = rho[i] * dot(g[i], q);
            axpy(alpha[i] - beta, s[i], q);
        }
        return negate(q);
    }

    /** Drops the oldest pair; returns the freed last slot. */
    private static int shift(double[][] s, double[][] g, double[] rho) {
        System.arraycopy(s, 1, s, 0, HISTORY - 1);
        System.arraycopy(g, 1, g, 0, HISTORY - 1);
        System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
        return HISTORY - 1;
    }

    /** The objective at {@code theta}; its gradient into {@code gradient}. */
    double valueAndGradient(double[] theta, double[] gradient) {
        java.util.Arrays.fill(gradient, 0);
        int stride = dimension + 1;
        double totalWeight = 0;
        for (double w : sampleWeights) {
            totalWeight += w;
        }
        double loss = 0;
        double[] logits = new double[classes];
        for (int i = 0; i < x.length; i++) {
            double[] xi = x[i];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                int offset = k * stride;
                double sum = theta[offset + dimension];
                for (int j = 0; j < dimension; j++) {
                    sum += theta[offset + j] * xi[j];
                }
                logits[k] = sum;
                max = Math.max(max, sum);
            }
            double total = 0;
            for (int k = 0; k < classes; k++) {
                logits[k] = Math.exp(logits[k] - max);
                total += logits[k];
            }
            double w = sampleWeights[i] / totalWeight;
            loss -= w * Math.log(Math.max(logits[y[i]] / total, 1e-300));
            for (int k = 0; k < classes; k++) {
                double residual = w * (logits[k] / total - (k == y[i] ? 1 : 0));
                if (residual == 0) {
                    continue;
                }
                int offset = k * stride;
                for (int j = 0; j < dimension; j++) {
                    gradient[offset + j] += residual * xi[j];
                }
                gradient[offset + dimension] += residual;
            }
        }
        double penalty = 0;
        for (int k = 0; k < classes; k++) {
            int offset = k * stride;
            for (int j = 0; j < dimension; j++) {
                double t = theta[offset + j];
                penalty += t * t;
                gradient[offset + j] += lambda * t;
            }
        }
        return loss + 0.5 * lambda * penalty;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }
}
