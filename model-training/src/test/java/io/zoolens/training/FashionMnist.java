package io.zoolens.training;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Debian's {@code dataset-fashion-mnist} (28×28 grey pictures of 10 kinds of clothing, IDX files): a seeded,
 * class-balanced sample of either split, as RGB images.
 */
public final class FashionMnist {

    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

    public record Picture(String id, int label, BufferedImage image) {}

    private FashionMnist() {}

    public static boolean installed() {
        return Files.isRegularFile(DIR.resolve("train-images-idx3-ubyte.gz"));
    }

    /** {@code perClass} pictures of each class from split {@code train} or {@code t10k}, chosen with {@code seed}. */
    public static List<Picture> sample(String split, int perClass, long seed) throws IOException {
        byte[][] pixels = images(DIR.resolve(split + "-images-idx3-ubyte.gz"));
        byte[] labels = labels(DIR.resolve(split + "-labels-idx1-ubyte.gz"));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int[] taken = new int[LABELS.size()];
        List<Picture> pictures = new ArrayList<>();
        for (int index : order) {
            int label = labels[index];
            if (taken[label] < perClass) {
                taken[label]++;
                pictures.add(new Picture(split + "-" + index, label, rgb(pixels[index])));
            }
        }
        return pictures;
    }

    private static BufferedImage rgb(byte[] grey) {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                int v = grey[y * 28 + x] & 0xFF;
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return image;
    }

    private static byte[][] images(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2051) {
                throw new IOException(file + " is not an IDX image file");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            byte[][] images = new byte[count][rows * columns];
            for (byte[] image : images) {
                in.readFully(image);
            }
            return images;
        }
    }

    private static byte[] labels(Path file) throws IOException {
        try (DataInputStream in = open(file)) {
            if (in.readInt() != 2049) {
                throw new IOException(file + " is not an IDX label file");
            }
            byte[] labels = new byte[in.readInt()];
            in.readFully(labels);
            return labels;
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }
}
