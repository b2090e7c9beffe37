package io.zoolens.training.head;

import java.util.ArrayList;
import java.util.List;

/**
 * Training pictures as feature vectors: {@code classes[i]} is the index into {@code labels} of picture
 * {@code ids[i]}, whose vector is {@code vectors[i]}.
 */
public record LabelledVectors(List<String> labels, List<String> ids, int[] classes, float[][] vectors) {

    public LabelledVectors {
        if (ids.size() != classes.length || classes.length != vectors.length) {
            throw new IllegalArgumentException("ids, classes and vectors differ in length");
        }
        for (int c : classes) {
            if (c < 0 || c >= labels.size()) {
                throw new IllegalArgumentException("class index " + c + " is not one of " + labels.size() + " labels");
            }
        }
    }

    public int size() {
        return classes.length;
    }

    public int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    /** Pictures per class, in label order. */
    public int[] counts() {
        int[] counts = new int[labels.size()];
        for (int c : classes) {
            counts[c]++;
        }
        return counts;
    }

    /** The pictures at {@code indices}, with the same labels. */
    public LabelledVectors subset(int[] indices) {
        List<String> subIds = new ArrayList<>(indices.length);
        int[] subClasses = new int[indices.length];
        float[][] subVectors = new float[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            subIds.add(ids.get(indices[i]));
            subClasses[i] = classes[indices[i]];
            subVectors[i] = vectors[indices[i]];
        }
        return new LabelledVectors(labels, subIds, subClasses, subVectors);
    }
}
