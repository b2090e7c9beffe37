package io.zoolens.bench.scenario;

import io.zoolens.image.testing.FashionMnist;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Labelled real pictures for the custom-model scenario: Debian's {@code dataset-fashion-mnist} (28×28 grey scans of
 * 10 kinds of clothing, read by {@link FashionMnist} of the image-support test-jar), upscaled to {@value #SIZE} px and encoded as JPEG, as
 * a user's small product photos would be. Every picture has bytes of its own (pixel-identical scans are dropped), so
 * none is cached before it is uploaded and none is in two classes.
 */
public final class TrainingPictures {

    public static final Path DATASET = FashionMnist.DIR;
    public static final List<String> LABELS = FashionMnist.LABELS;
    static final int SIZE = 128;

    private final List<List<TestImages.Photo>> byClass;

    private TrainingPictures(List<List<TestImages.Photo>> byClass) {
        this.byClass = byClass;
    }

    public static boolean installed() {
        return FashionMnist.installed();
    }

    /** {@code perClass} distinct pictures of each of the first {@code classes} labels, drawn with {@code seed}. */
    public static TrainingPictures load(int classes, int perClass, long seed) {
        try {
            return new TrainingPictures(choose(FashionMnist.read("train"), classes, perClass, seed));
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
    static List<List<TestImages.Photo>> choose(FashionMnist.Split split, int classes, int perClass, long seed) {
        byte[][] scans = split.scans();
        byte[] labels = split.labels();
        List<Integer> order = split.shuffled(seed);
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
        BufferedImage small = FashionMnist.rgb(grey);
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
}
