package io.zoolens.training;

import io.zoolens.training.head.LabelledVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded Gaussian clusters around unit directions, L2-normalised like backbone features. */
public final class Clusters {

    private Clusters() {}

    /** {@code perClass[c]} vectors of class c around axis c of a {@code dimension}-space, spread {@code noise}. */
    public static LabelledVectors around(int dimension, int[] perClass, double noise, long seed) {
        Random random = new Random(seed);
        List<String> labels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int total = 0;
        for (int count : perClass) {
            total += count;
        }
        int[] classes = new int[total];
        float[][] vectors = new float[total][];
        int i = 0;
        for (int c = 0; c < perClass.length; c++) {
            labels.add("class-" + c);
            for (int n = 0; n < perClass[c]; n++) {
                float[] v = new float[dimension];
                for (int j = 0; j < dimension; j++) {
                    v[j] = (float) ((j == c ? 1 : 0) + noise * random.nextGaussian());
                }
                vectors[i] = unit(v);
                classes[i] = c;
                ids.add("picture-" + i);
                i++;
            }
        }
        return new LabelledVectors(labels, ids, classes, vectors);
    }

    public static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] u = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            u[j] = (float) (v[j] / Math.sqrt(norm));
        }
        return u;
    }
}
