package io.zoolens.bench.training;

import io.zoolens.training.head.LabelledVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded stand-ins for cached backbone features when there are not enough real pictures (10,000): unit vectors
 * drawn around {@code classes} random unit centres, class-balanced (picture i is of class i mod classes), as the
 * L2-normalised {@code features} output is.
 */
public final class SyntheticFeatures {

    /**
     * Spread of every coordinate around its centre's. With 528 values the noise's length is about 1.15 against
     * the centre's 1, so a vector's cosine to its centre is about 0.66 and the classes overlap a little after
     * the head's standardisation, as real classes do: the solver does not stop after a few iterations.
     */
    static final double DEFAULT_SPREAD = 0.05;

    private SyntheticFeatures() {}

    public static LabelledVectors generate(int vectors, int classes, int dimension, double spread, long seed) {
        if (classes < 2 || vectors < classes || dimension < 1) {
            throw new IllegalArgumentException("need at least 2 classes, a vector per class and a dimension: " + vectors
                    + ", " + classes + ", " + dimension);
        }
        Random random = new Random(seed);
        float[][] centres = new float[classes][];
        List<String> labels = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            float[] centre = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                centre[j] = (float) random.nextGaussian();
            }
            centres[c] = unit(centre);
            labels.add("class-" + c);
        }
        List<String> ids = new ArrayList<>(vectors);
        int[] classOf = new int[vectors];
        float[][] rows = new float[vectors][];
        for (int i = 0; i < vectors; i++) {
            int c = i % classes;
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = (float) (centres[c][j] + spread * random.nextGaussian());
            }
            rows[i] = unit(v);
            classOf[i] = c;
            ids.add("synthetic-" + i);
        }
        return new LabelledVectors(labels, ids, classOf, rows);
    }

    /**
     * {@code vectors} new unit vectors with the class centroids and the within-class spread of {@code real}: vector i
     * (class i mod classes) is its class's centroid plus {@code mixed} real within-class deviations, picked at
     * random and weighted by N(0, 1/mixed), so the new vectors have the real deviations' covariance (correlated,
     * ill-conditioned as backbone features are) without repeating any real vector. For sizes beyond the real set.
     */
    public static LabelledVectors resample(LabelledVectors real, int vectors, int mixed, long seed) {
        int classes = real.labels().size();
        int dimension = real.dimension();
        int[] counts = real.counts();
        double[][] centroids = new double[classes][dimension];
        for (int i = 0; i < real.size(); i++) {
            float[] x = real.vectors()[i];
            double[] centroid = centroids[real.classes()[i]];
            for (int j = 0; j < dimension; j++) {
                centroid[j] += x[j];
            }
        }
        for (int c = 0; c < classes; c++) {
            if (counts[c] == 0) {
                throw new IllegalArgumentException("class " + real.labels().get(c) + " has no vector to resample");
            }
            for (int j = 0; j < dimension; j++) {
                centroids[c][j] /= counts[c];
            }
        }
        Random random = new Random(seed);
        double weight = 1 / Math.sqrt(mixed);
        List<String> ids = new ArrayList<>(vectors);
        int[] classOf = new int[vectors];
        float[][] rows = new float[vectors][];
        for (int i = 0; i < vectors; i++) {
            int c = i % classes;
            double[] v = centroids[c].clone();
            for (int m = 0; m < mixed; m++) {
                int k = random.nextInt(real.size());
                float[] x = real.vectors()[k];
                double[] itsCentroid = centroids[real.classes()[k]];
                double g = weight * random.nextGaussian();
                for (int j = 0; j < dimension; j++) {
                    v[j] += g * (x[j] - itsCentroid[j]);
                }
            }
            float[] f = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                f[j] = (float) v[j];
            }
            rows[i] = unit(f);
            classOf[i] = c;
            ids.add("resampled-" + i);
        }
        return new LabelledVectors(real.labels(), ids, classOf, rows);
    }

    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        double length = Math.sqrt(norm);
        float[] u = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            u[j] = (float) (v[j] / length);
        }
        return u;
    }
}
