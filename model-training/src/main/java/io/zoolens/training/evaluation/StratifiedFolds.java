package io.zoolens.training.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Splits pictures into cross-validation folds that each hold about the same share of every class:
 * each class's pictures are shuffled (seeded) and dealt round-robin, continuing where the previous class
 * stopped so fold sizes stay even. Small sets are split leave-one-out (every picture its own fold).
 */
public final class StratifiedFolds {

    /** At most this many pictures: leave-one-out, which wastes least of a tiny set. */
    public static final int LEAVE_ONE_OUT_MAX = 60;

    public static final int DEFAULT_FOLDS = 5;

    private StratifiedFolds() {}

    /** The test indices of each fold; every index is in exactly one fold. */
    public static List<int[]> split(int[] classes, int folds, long seed) {
        if (classes.length <= LEAVE_ONE_OUT_MAX) {
            List<int[]> single = new ArrayList<>(classes.length);
            for (int i = 0; i < classes.length; i++) {
                single.add(new int[] {i});
            }
            return single;
        }
        return kFold(classes, folds, seed);
    }

    /** Stratified k-fold, whatever the size. */
    public static List<int[]> kFold(int[] classes, int folds, long seed) {
        if (folds < 2 || folds > classes.length) {
            throw new IllegalArgumentException("need 2 to " + classes.length + " folds, not " + folds);
        }
        int classCount = 0;
        for (int c : classes) {
            classCount = Math.max(classCount, c + 1);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < classes.length; i++) {
            byClass.get(classes[i]).add(i);
        }
        Random random = new Random(seed);
        List<List<Integer>> members = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            members.add(new ArrayList<>());
        }
        int next = 0;
        for (List<Integer> indices : byClass) {
            Collections.shuffle(indices, random);
            for (int index : indices) {
                members.get(next).add(index);
                next = (next + 1) % folds;
            }
        }
        List<int[]> result = new ArrayList<>(folds);
        for (List<Integer> fold : members) {
            result.add(fold.stream().mapToInt(Integer::intValue).sorted().toArray());
        }
        return result;
    }

    /** Every index from 0 to {@code size} that is not in {@code test}. */
    public static int[] complement(int[] test, int size) {
        boolean[] taken = new boolean[size];
        for (int i : test) {
            taken[i] = true;
        }
        int[] train = new int[size - test.length];
        int t = 0;
        for (int i = 0; i < size; i++) {
            if (!taken[i]) {
                train[t++] = i;
            }
        }
        return train;
    }
}
