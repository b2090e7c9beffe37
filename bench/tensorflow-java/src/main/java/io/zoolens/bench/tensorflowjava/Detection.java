package io.zoolens.bench.tensorflowjava;

import java.util.Locale;

/** One {@code [x1, y1, x2, y2, score, class]} row of the default model's output, boxes in input pixels. */
record Detection(float x1, float y1, float x2, float y2, float score, int classIndex) {

    private static final int ROW = 6;
    private static final int ROWS_PER_IMAGE = 100;

    /** The best-scoring row of the first image in a batch's output. */
    static Detection best(float[] rows) {
        int best = 0;
        for (int row = 0; row < Math.min(rows.length, ROW * ROWS_PER_IMAGE); row += ROW) {
            if (rows[row + 4] > rows[best + 4]) {
                best = row;
            }
        }
        return new Detection(
                rows[best], rows[best + 1], rows[best + 2], rows[best + 3], rows[best + 4], Math.round(rows[best + 5]));
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT, "class %d score %.6f box [%.2f, %.2f, %.2f, %.2f]", classIndex, score, x1, y1, x2, y2);
    }
}
