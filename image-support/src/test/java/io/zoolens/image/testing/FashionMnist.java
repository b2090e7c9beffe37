package io.zoolens.image.testing;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Debian's {@code dataset-fashion-mnist} (28×28 grey scans of 10 kinds of clothing, gzipped IDX files; installed by
 * scripts/prerequisites.sh), the labelled real pictures of the custom-model tests and benchmarks: a split as read,
 * or a seeded, class-balanced sample of it as RGB images. The one reader of those files.
 */
public final class FashionMnist {

    public static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");
    /** Width and height of every scan. */
    public static final int SIDE = 28;

    /** A picture of a sample: {@code <split>-<index>}, its class (index into {@link #LABELS}) and its RGB image. */
    public record Picture(String id, int label, BufferedImage image) {}

    /**
     * A split as stored: scan {@code i} ({@link #SIDE}² grey bytes, row by row) has class {@code labels[i]}.
     *
     * @param name {@code train} (60,000 scans) or {@code t10k} (10,000)
     */
    public record Split(String name, byte[][] scans, byte[] labels) {

        /** Every index, shuffled with {@code seed}: the order every seeded draw takes scans in. */
        public List<Integer> shuffled(long seed) {
            List<Integer> order = new ArrayList<>(labels.length);
            for (int i = 0; i < labels.length; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(seed));
            return order;
        }
    }

    private FashionMnist() {}

    public static boolean installed() {
        return Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(DIR.resolve("train-labels-idx1-ubyte.gz"));
    }

    /** Split {@code train} or {@code t10k}, whole. */
    public static Split read(String split) throws IOException {
        return new Split(
                split,
                scans(DIR.resolve(split + "-images-idx3-ubyte.gz")),
                labels(DIR.resolve(split + "-labels-idx1-ubyte.gz")));
    }

    /**
     * {@code perClass} pictures of each class from split {@code train} or {@code t10k}, chosen with {@code seed}:
     * the first of each class in {@link Split#shuffled} order, in that order.
     */
    public static List<Picture> sample(String split, int perClass, long seed) throws IOException {
        Split all = read(split);
        int[] taken = new int[LABELS.size()];
        List<Picture> pictures = new ArrayList<>();
        for (int index : all.shuffled(seed)) {
            int label = all.labels()[index];
            if (taken[label] < perClass) {
                taken[label]++;
                pictures.add(new Picture(split + "-" + index, label, rgb(all.scans()[index])));
            }
        }
        return pictures;
    }

    /** A grey scan as an RGB image of the same size. */
    public static BufferedImage rgb(byte[] grey) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int v = grey[y * SIDE + x] & 0xFF;
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    private static byte[][] scans(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2051) {
                throw new IOException(file + " is not an IDX file of images");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows != SIDE || columns != SIDE) {
                throw new IOException(file + " holds " + rows + "×" + columns + " images, not 28×28");
            }
            byte[][] scans = new byte[count][SIDE * SIDE];
            for (byte[] scan : scans) {
                in.readFully(scan);
            }
            return scans;
        }
    }

    private static byte[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2049) {
                throw new IOException(file + " is not an IDX file of labels");
            }
            byte[] labels = new byte[in.readInt()];
            in.readFully(labels);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
    }
}
