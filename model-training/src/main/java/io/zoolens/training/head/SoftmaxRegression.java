package io.zoolens.training.head;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Multinomial logistic regression fitted exactly: L-BFGS on the class-weighted mean cross-entropy plus
 * {@code (λ/2)·‖W‖²} (the bias is not regularised). The objective is strictly convex, so the answer is its
 * unique minimum whatever the start, and the same data give the same head. Inputs are expected standardised.
 *
 * <p>Nearly all the time goes into {@link #valueAndGradient}, called once or twice per iteration (hundreds of
 * iterations on real features: λ is small, so the problem is ill-conditioned). It runs over fixed blocks of
 * samples whose partial sums are added in block order, so the result does not depend on how many threads
 * computed the blocks.
 */
final class SoftmaxRegression {

    /** Gradient norm (relative to the start) at which the minimum counts as found. */
    private static final double TOLERANCE = 1e-6;

    private static final int HISTORY = 10;

    /**
     * Relative loss decrease over the last {@link #HISTORY} iterations below which the minimum counts as found.
     * On real features the gradient tolerance is not reached within hundreds of iterations (λ is small, the
     * problem ill-conditioned), while the loss is already within about 1e-5 of its minimum.
     */
    private static final double PROGRESS = 2e-6;

    /** Blocks of samples computed independently; bounds the per-block gradient buffers. */
    private static final int MAX_BLOCKS = 16;

    private static final int MIN_BLOCK = 64;

    private final double[][] x;
    private final int[] y;
    private final double[] normalisedWeights;
    private final int classes;
    private final int dimension;
    private final double lambda;
    private final int threads;
    private final int[] blockStarts;
    /** Iterations of the last {@link #fit}. */
    int iterations;

    private final double[][] blockGradients;
    private final double[][] blockLogits;

    /**
     * @param sampleWeights per picture; the loss is their weighted mean
     * @param threads how many threads compute the gradient (1: the caller's thread only)
     */
    SoftmaxRegression(double[][] x, int[] y, double[] sampleWeights, int classes, double lambda, int threads) {
        this.x = x;
        this.y = y;
        this.classes = classes;
        this.dimension = x.length == 0 ? 0 : x[0].length;
        this.lambda = lambda;
        this.threads = Math.max(1, threads);
        double totalWeight = 0;
        for (double w : sampleWeights) {
            totalWeight += w;
        }
        this.normalisedWeights = new double[sampleWeights.length];
        for (int i = 0; i < sampleWeights.length; i++) {
            normalisedWeights[i] = sampleWeights[i] / totalWeight;
        }
        int blocks = Math.max(1, Math.min(MAX_BLOCKS, x.length / MIN_BLOCK));
        this.blockStarts = new int[blocks + 1];
        for (int b = 0; b <= blocks; b++) {
            blockStarts[b] = (int) ((long) x.length * b / blocks);
        }
        this.blockGradients = new double[blocks][classes * (dimension + 1)];
        this.blockLogits = new double[blocks][classes];
    }

    SoftmaxRegression(double[][] x, int[] y, double[] sampleWeights, int classes, double lambda) {
        this(x, y, sampleWeights, classes, lambda, 1);
    }

    /** The parameters, {@code [classes][dimension + 1]}: weights, then the bias in the last column. */
    double[][] fit(int maxIterations) {
        ExecutorService pool = threads > 1 && blockStarts.length > 2 ? pool() : null;
        try {
            return minimise(maxIterations, pool);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /** Threads made by the caller's thread inherit its (lower) priority, unlike the default factory's. */
    private ExecutorService pool() {
        return Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "zoolens-head-gradient");
            thread.setDaemon(true);
            return thread;
        });
    }

    private double[][] minimise(int maxIterations, ExecutorService pool) {
        int size = classes * (dimension + 1);
        double[] theta = new double[size];
        double[] gradient = new double[size];
        double value = valueAndGradient(theta, gradient, pool);
        double startNorm = Math.max(norm(gradient), 1e-12);
        double[][] s = new double[HISTORY][size];
        double[][] g = new double[HISTORY][size];
        double[] rho = new double[HISTORY];
        double[] alpha = new double[HISTORY];
        int stored = 0;
        double[] direction = new double[size];
        double[] candidate = new double[size];
        double[] nextGradient = new double[size];
        double[] recent = new double[HISTORY];
        iterations = 0;
        for (int iteration = 0; iteration < maxIterations && norm(gradient) > TOLERANCE * startNorm; iteration++) {
            direction(gradient, s, g, rho, alpha, stored, direction);
            double slope = dot(direction, gradient);
            if (slope >= 0) { // not a descent direction: start again from steepest descent
                stored = 0;
                for (int i = 0; i < size; i++) {
                    direction[i] = -gradient[i];
                }
                slope = dot(direction, gradient);
            }
            double step = 1;
            double nextValue;
            while (true) {
                for (int i = 0; i < size; i++) {
                    candidate[i] = theta[i] + step * direction[i];
                }
                nextValue = valueAndGradient(candidate, nextGradient, pool);
                if (nextValue <= value + 1e-4 * step * slope || step < 1e-10) {
                    break;
                }
                step *= 0.5;
            }
            // The newest pair goes into the oldest pair's arrays once the history is full.
            int slot = stored < HISTORY ? stored : rotate(s, g, rho);
            double[] sNew = s[slot];
            double[] gNew = g[slot];
            for (int i = 0; i < size; i++) {
                sNew[i] = candidate[i] - theta[i];
                gNew[i] = nextGradient[i] - gradient[i];
            }
            double sy = dot(sNew, gNew);
            if (sy > 1e-12) {
                rho[slot] = 1 / sy;
                stored = Math.min(stored + 1, HISTORY);
            }
            boolean stalled = Math.abs(value - nextValue) <= 1e-12 * Math.max(1, Math.abs(value));
            double before = recent[iteration % HISTORY];
            recent[iteration % HISTORY] = nextValue;
            iterations = iteration + 1;
            if (iteration >= HISTORY && before - nextValue <= PROGRESS * Math.abs(nextValue)) {
                stalled = true;
            }
            double[] previous = theta;
            theta = candidate;
            candidate = previous;
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

    /** L-BFGS two-loop recursion: an approximation of −H⁻¹·gradient, into {@code q}. */
    private static void direction(
            double[] gradient, double[][] s, double[][] g, double[] rho, double[] alpha, int stored, double[] q) {
        System.arraycopy(gradient, 0, q, 0, q.length);
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
        for (int i = 0; i < q.length; i++) {
            q[i] = -q[i];
        }
    }

    /** Drops the oldest pair, moving its arrays to the last slot for reuse; returns that slot. */
    private static int rotate(double[][] s, double[][] g, double[] rho) {
        double[] oldestS = s[0];
        double[] oldestG = g[0];
        System.arraycopy(s, 1, s, 0, HISTORY - 1);
        System.arraycopy(g, 1, g, 0, HISTORY - 1);
        System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
        s[HISTORY - 1] = oldestS;
        g[HISTORY - 1] = oldestG;
        return HISTORY - 1;
    }

    /** The objective at {@code theta}; its gradient into {@code gradient}. */
    double valueAndGradient(double[] theta, double[] gradient) {
        return valueAndGradient(theta, gradient, null);
    }

    private double valueAndGradient(double[] theta, double[] gradient, ExecutorService pool) {
        int blocks = blockStarts.length - 1;
        double[] losses = new double[blocks];
        if (pool == null) {
            for (int b = 0; b < blocks; b++) {
                losses[b] = block(b, theta);
            }
        } else {
            // Blocks are dealt round-robin to the threads; the caller's thread takes a share too.
            List<Future<?>> running = new ArrayList<>(threads - 1);
            for (int t = 1; t < threads; t++) {
                int first = t;
                running.add(pool.submit(() -> {
                    for (int b = first; b < blocks; b += threads) {
                        losses[b] = block(b, theta);
                    }
                }));
            }
            for (int b = 0; b < blocks; b += threads) {
                losses[b] = block(b, theta);
            }
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a gradient block failed", e.getCause());
                }
            }
        }
        System.arraycopy(blockGradients[0], 0, gradient, 0, gradient.length);
        double loss = losses[0];
        for (int b = 1; b < blocks; b++) {
            axpy(1, blockGradients[b], gradient);
            loss += losses[b];
        }
        int stride = dimension + 1;
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

    /**
     * One block's loss, and its gradient into {@code blockGradients[b]}: one pass per sample computes the
     * logits, the softmax and the sample's gradient contribution while its features are in cache.
     */
    private double block(int b, double[] theta) {
        double[] gradient = blockGradients[b];
        double[] logits = blockLogits[b];
        Arrays.fill(gradient, 0);
        int stride = dimension + 1;
        double loss = 0;
        for (int i = blockStarts[b]; i < blockStarts[b + 1]; i++) {
            double[] xi = x[i];
            logits(theta, xi, logits);
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[k]);
            }
            double total = 0;
            for (int k = 0; k < classes; k++) {
                logits[k] = Math.exp(logits[k] - max);
                total += logits[k];
            }
            double w = normalisedWeights[i];
            int label = y[i];
            loss -= w * Math.log(Math.max(logits[label] / total, 1e-300));
            for (int k = 0; k < classes; k++) {
                logits[k] = w * (logits[k] / total - (k == label ? 1 : 0));
            }
            accumulate(gradient, logits, xi);
        }
        return loss;
    }

    /**
     * Adds residual[k]·x to each class's row of the gradient (and residual[k] to its bias), four classes per
     * pass over x so each feature is loaded once for four rows.
     */
    private void accumulate(double[] gradient, double[] residuals, double[] xi) {
        int stride = dimension + 1;
        int k = 0;
        for (; k + 4 <= classes; k += 4) {
            int o0 = k * stride;
            int o1 = o0 + stride;
            int o2 = o1 + stride;
            int o3 = o2 + stride;
            double r0 = residuals[k];
            double r1 = residuals[k + 1];
            double r2 = residuals[k + 2];
            double r3 = residuals[k + 3];
            for (int j = 0; j < dimension; j++) {
                double v = xi[j];
                gradient[o0 + j] += r0 * v;
                gradient[o1 + j] += r1 * v;
                gradient[o2 + j] += r2 * v;
                gradient[o3 + j] += r3 * v;
            }
            gradient[o0 + dimension] += r0;
            gradient[o1 + dimension] += r1;
            gradient[o2 + dimension] += r2;
            gradient[o3 + dimension] += r3;
        }
        for (; k < classes; k++) {
            int o = k * stride;
            double r = residuals[k];
            for (int j = 0; j < dimension; j++) {
                gradient[o + j] += r * xi[j];
            }
            gradient[o + dimension] += r;
        }
    }

    /**
     * θ·x + bias per class, four classes at a time: each feature is loaded once for four independent sums
     * (the JIT does not vectorise a floating-point sum, so independent chains are what makes it fast).
     */
    private void logits(double[] theta, double[] xi, double[] logits) {
        int stride = dimension + 1;
        int k = 0;
        for (; k + 4 <= classes; k += 4) {
            int o0 = k * stride;
            int o1 = o0 + stride;
            int o2 = o1 + stride;
            int o3 = o2 + stride;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < dimension; j++) {
                double v = xi[j];
                s0 += theta[o0 + j] * v;
                s1 += theta[o1 + j] * v;
                s2 += theta[o2 + j] * v;
                s3 += theta[o3 + j] * v;
            }
            logits[k] = s0 + theta[o0 + dimension];
            logits[k + 1] = s1 + theta[o1 + dimension];
            logits[k + 2] = s2 + theta[o2 + dimension];
            logits[k + 3] = s3 + theta[o3 + dimension];
        }
        for (; k < classes; k++) {
            int o = k * stride;
            double s0 = 0;
            double s1 = 0;
            int j = 0;
            for (; j + 2 <= dimension; j += 2) {
                s0 += theta[o + j] * xi[j];
                s1 += theta[o + j + 1] * xi[j + 1];
            }
            for (; j < dimension; j++) {
                s0 += theta[o + j] * xi[j];
            }
            logits[k] = s0 + s1 + theta[o + dimension];
        }
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
}
