package io.zoolens.importer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * When two top-k detection lists ({@code [x1, y1, x2, y2, score, class]} rows, sorted by score) say
 * the same: the rule of docs/decisions.md ("Golden test against TF.js"). Every row pairs with a row of
 * the other list whose score lies within {@code scoreTolerance}, whose box corners lie within {@code
 * boxTolerance} and whose class is the same. A row may stay unpaired only at the top-k cut: its score
 * is at most the other list's last score plus {@code scoreTolerance}, so its partner scored just below
 * the other list's cut. Anything else is a real disagreement, with one exception: an expected row
 * scoring below {@code lostBelow} may be missing from the actual list (TF.js's detections that no user
 * would be shown; {@code 0} allows none).
 */
record DetectionMatching(float scoreTolerance, float boxTolerance, float lostBelow) {

    /** Every expected row must be paired or at the cut. */
    DetectionMatching(float scoreTolerance, float boxTolerance) {
        this(scoreTolerance, boxTolerance, 0);
    }

    private static final int SCORE = 4;
    private static final int CLASS = 5;

    /**
     * @param perColumn max abs difference over paired rows per column (x1, y1, x2, y2, score, class)
     * @param reordered pairs found off their own row (near-equal scores in swapped order)
     * @param unpairedActual rows of the actual list without a partner
     * @param unpairedExpected rows of the expected list without a partner
     * @param disagreements unpaired rows the rule does not allow, as sentences; empty when the lists agree
     * @param tolerated unpaired rows the rule allows, as sentences, for the log
     */
    record Result(
            float[] perColumn,
            int reordered,
            List<Integer> unpairedActual,
            List<Integer> unpairedExpected,
            List<String> disagreements,
            List<String> tolerated) {}

    /**
     * Pairs as many rows as possible (a maximum matching, so near-duplicate boxes cannot take each other's
     * partners), each actual row with an expected row within the tolerances, trying its own row first: rows
     * are sorted by score, and near-equal scores may swap places.
     */
    Result compare(float[][] expected, float[][] actual) {
        int[] partnerOfExpected = new int[expected.length];
        Arrays.fill(partnerOfExpected, -1);
        for (int i = 0; i < actual.length; i++) {
            pair(i, expected, actual, partnerOfExpected, new boolean[expected.length]);
        }
        float[] perColumn = new float[6];
        int reordered = 0;
        boolean[] actualPaired = new boolean[actual.length];
        List<Integer> unpairedExpected = new ArrayList<>();
        for (int j = 0; j < expected.length; j++) {
            int i = partnerOfExpected[j];
            if (i < 0) {
                unpairedExpected.add(j);
                continue;
            }
            actualPaired[i] = true;
            reordered += i == j ? 0 : 1;
            for (int k = 0; k < 6; k++) {
                perColumn[k] = Math.max(perColumn[k], Math.abs(expected[j][k] - actual[i][k]));
            }
        }
        List<Integer> unpairedActual = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            if (!actualPaired[i]) {
                unpairedActual.add(i);
            }
        }
        List<String> disagreements = new ArrayList<>();
        List<String> tolerated = new ArrayList<>();
        judge("actual", actual, unpairedActual, expected, 0, disagreements, tolerated);
        judge("expected", expected, unpairedExpected, actual, lostBelow, disagreements, tolerated);
        return new Result(perColumn, reordered, unpairedActual, unpairedExpected, disagreements, tolerated);
    }

    /** Kuhn's augmenting path from actual row {@code i}: true when it found a partner, possibly by moving others. */
    private boolean pair(int i, float[][] expected, float[][] actual, int[] partnerOfExpected, boolean[] visited) {
        for (int n = -1; n < expected.length; n++) {
            int j = n < 0 ? i : n; // its own row first
            if (j >= expected.length || (n >= 0 && j == i) || visited[j] || !agrees(expected[j], actual[i])) {
                continue;
            }
            visited[j] = true;
            if (partnerOfExpected[j] < 0 || pair(partnerOfExpected[j], expected, actual, partnerOfExpected, visited)) {
                partnerOfExpected[j] = i;
                return true;
            }
        }
        return false;
    }

    /**
     * Sorts the unpaired rows of {@code list} into tolerated (at {@code other}'s cut, or scoring below {@code
     * floor}) and disagreements.
     */
    private void judge(
            String name,
            float[][] list,
            List<Integer> unpaired,
            float[][] other,
            float floor,
            List<String> disagreements,
            List<String> tolerated) {
        float cut = other.length == 0 ? Float.NEGATIVE_INFINITY : other[other.length - 1][SCORE];
        for (int row : unpaired) {
            float[] detection = list[row];
            boolean atTheCut = detection[SCORE] <= cut + scoreTolerance;
            String why = atTheCut
                    ? "at the other list's cut"
                    : detection[SCORE] < floor
                            ? String.format(Locale.ROOT, "below %.2f, above the other list's cut", floor)
                            : "above the other list's cut";
            String sentence = String.format(
                    Locale.ROOT,
                    "%s row %d (class %d, score %.5f, box [%.2f, %.2f, %.2f, %.2f]) has no partner, %s %.5f + %.0e;"
                            + " nearest of the same class: %s",
                    name,
                    row,
                    Math.round(detection[CLASS]),
                    detection[SCORE],
                    detection[0],
                    detection[1],
                    detection[2],
                    detection[3],
                    why,
                    cut,
                    scoreTolerance,
                    nearest(detection, other));
            (atTheCut || detection[SCORE] < floor ? tolerated : disagreements).add(sentence);
        }
    }

    /** The other list's row of the same class closest in box and score, with its differences: for failure messages. */
    private String nearest(float[] detection, float[][] other) {
        int best = -1;
        float bestDistance = Float.MAX_VALUE;
        for (int r = 0; r < other.length; r++) {
            if (Math.round(other[r][CLASS]) != Math.round(detection[CLASS])) {
                continue;
            }
            float distance = 0;
            for (int k = 0; k < 4; k++) {
                distance = Math.max(distance, Math.abs(other[r][k] - detection[k]));
            }
            // A score difference weighed as a box difference of the same share of its tolerance.
            distance = Math.max(distance, boxTolerance / scoreTolerance * Math.abs(other[r][SCORE] - detection[SCORE]));
            if (distance < bestDistance) {
                bestDistance = distance;
                best = r;
            }
        }
        if (best < 0) {
            return "none";
        }
        float[] differences = new float[5];
        for (int k = 0; k < 5; k++) {
            differences[k] = other[best][k] - detection[k];
        }
        return "row " + best + ", differences x1,y1,x2,y2,score " + Arrays.toString(differences);
    }

    private boolean agrees(float[] expected, float[] actual) {
        for (int k = 0; k < 4; k++) {
            if (Math.abs(expected[k] - actual[k]) > boxTolerance) {
                return false;
            }
        }
        return Math.abs(expected[SCORE] - actual[SCORE]) <= scoreTolerance
                && Math.round(expected[CLASS]) == Math.round(actual[CLASS]);
    }
}
