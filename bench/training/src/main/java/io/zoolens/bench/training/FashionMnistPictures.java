package io.zoolens.bench.training;

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
 * Real pictures for the head-training benchmark: Debian's {@code dataset-fashion-mnist} (IDX files of 28×28 grey
 * pictures, 10 classes), the set the custom-model tests use. Installed by scripts/prerequisites.sh.
 */
final class FashionMnistPictures {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final int CLASSES = 10;
    private static final int SIDE = 28;

    /** A picture as RGB and the index of its class. */
    record Picture(int label, BufferedImage image) {}

    private FashionMnistPictures() {}

    static boolean installed() {
        return Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(DIR.resolve("train-labels-idx1-ubyte.gz"));
    }

    /**
     * {@code perClass} pictures of every class from the training split, chosen with {@code seed}, interleaved
     * (picture i is of class i mod 10), so any prefix of 10·k pictures is class-balanced.
     */
    static List<Picture> balanced(int perClass, long seed) throws IOException {
        byte[] labels = labels(DIR.resolve("train-labels-idx1-ubyte.gz"));
        byte[][] pixels = images(DIR.resolve("train-images-idx3-ubyte.gz"));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int index : order) {
            List<Integer> chosen = byClass.get(labels[index]);
            if (chosen.size() < perClass) {
                chosen.add(index);
            }
        }
        List<Picture> pictures = new ArrayList<>(perClass * CLASSES);
        for (int k = 0; k < perClass; k++) {
            for (int c = 0; c < CLASSES; c++) {
                pictures.add(new Picture(c, rgb(pixels[byClass.get(c).get(k)])));
            }
        }
        return pictures;
    }

    private static BufferedImage rgb(byte[] grey) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int v = grey[y * SIDE + x] & 0xFF;
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    private static byte[][] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2051) {
                throw new IOException(file + ": not an IDX image file");
            }
            byte[][] images = new byte[in.readInt()][];
            int size = in.readInt() * in.readInt();
            for (int i = 0; i < images.length; i++) {
                images[i] = new byte[size];
                in.readFully(images[i]);
            }
            return images;
        }
    }

    private static byte[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2049) {
                throw new IOException(file + ": not an IDX label file");
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
