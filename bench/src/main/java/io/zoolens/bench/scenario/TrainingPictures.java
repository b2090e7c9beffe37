package io.zoolens.bench.scenario;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Labelled real pictures for the custom-model scenario: Debian's {@code dataset-fashion-mnist} (28×28 grey scans of
 * 10 kinds of clothing, installed by scripts/prerequisites.sh), upscaled to {@value #SIZE} px and encoded as JPEG, as
 * a user's small product photos would be. Every picture has bytes of its own (pixel-identical scans are dropped), so
 * none is cached before it is uploaded and none is in two classes.
 */
public final class TrainingPictures {

    public static final Path DATASET = Path.of("/usr/share/datasets/fashion-mnist");
    public static final List<String> LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");
    static final int SIZE = 128;
    private static final int SIDE = 28;

    private final List<List<TestImages.Photo>> byClass;

    private TrainingPictures(List<List<TestImages.Photo>> byClass) {
        this.byClass = byClass;
    }

    public static boolean installed() {
        return Files.isRegularFile(DATASET.resolve("train-images-idx3-ubyte.gz"))
                && Files.isRegularFile(DATASET.resolve("train-labels-idx1-ubyte.gz"));
    }

    /** {@code perClass} distinct pictures of each of the first {@code classes} labels, drawn with {@code seed}. */
    public static TrainingPictures load(int classes, int perClass, long seed) {
        try {
            byte[][] scans = scans(DATASET.resolve("train-images-idx3-ubyte.gz"));
            byte[] labels = labels(DATASET.resolve("train-labels-idx1-ubyte.gz"));
            return new TrainingPictures(choose(scans, labels, classes, perClass, seed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST in " + DATASET, e);
        }
    }

    /** The class's pictures {@code from} (inclusive) to {@code to} (exclusive), in drawing order. */
    public List<TestImages.Photo> slice(int label, int from, int to) {
        return byClass.get(label).subList(from, to);
    }

    public int classes() {
        return byClass.size();
    }

    /** Seeded draw without replacement: per class, scans in shuffled order, a picture whose JPEG bytes were drawn before skipped. */
    static List<List<TestImages.Photo>> choose(byte[][] scans, byte[] labels, int classes, int perClass, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        List<List<TestImages.Photo>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        Set<ByteBuffer> seen = new HashSet<>();
        for (int index : order) {
            int label = labels[index];
            if (label >= classes || byClass.get(label).size() >= perClass) {
                continue;
            }
            byte[] jpeg = jpeg(scans[index]);
            // the api compares pictures by their bytes: identical scans (the set has a few) would count once
            if (seen.add(ByteBuffer.wrap(jpeg))) {
                String name = LABELS.get(label).replace(' ', '-') + "-" + index + ".jpg";
                byClass.get(label).add(new TestImages.Photo(name, jpeg));
            }
        }
        for (int c = 0; c < classes; c++) {
            if (byClass.get(c).size() < perClass) {
                throw new IllegalStateException("Fashion-MNIST has only "
                        + byClass.get(c).size() + " distinct " + LABELS.get(c) + " pictures, " + perClass + " wanted");
            }
        }
        return byClass;
    }

    /** A 28×28 grey scan as a {@value #SIZE}×{@value #SIZE} RGB JPEG (bilinear upscaling). */
    static byte[] jpeg(byte[] grey) {
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                int v = grey[y * SIDE + x] & 0xFF;
                small.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        BufferedImage large = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = large.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(small, 0, 0, SIZE, SIZE, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(large, "jpg", out)) {
                throw new IllegalStateException("no JPEG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
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
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(new GZIPInputStream(raw, 1 << 16));
    }
}
