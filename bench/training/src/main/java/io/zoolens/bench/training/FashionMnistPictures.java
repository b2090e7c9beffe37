package io.zoolens.bench.training;

import io.zoolens.image.testing.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real pictures for the head-training benchmark: Debian's {@code dataset-fashion-mnist} (10 classes), the set the
 * custom-model tests use, read by {@link FashionMnist} of the image-support test-jar.
 */
final class FashionMnistPictures {

    static final Path DIR = FashionMnist.DIR;
    static final int CLASSES = FashionMnist.LABELS.size();

    /** A picture as RGB and the index of its class. */
    record Picture(int label, BufferedImage image) {}

    private FashionMnistPictures() {}

    static boolean installed() {
        return FashionMnist.installed();
    }

    /**
     * {@code perClass} pictures of every class from the training split, chosen with {@code seed}, interleaved
     * (picture i is of class i mod 10), so any prefix of 10·k pictures is class-balanced.
     */
    static List<Picture> balanced(int perClass, long seed) throws IOException {
        List<List<BufferedImage>> byClass = new ArrayList<>();
        for (int c = 0; c < CLASSES; c++) {
            byClass.add(new ArrayList<>());
        }
        for (FashionMnist.Picture picture : FashionMnist.sample("train", perClass, seed)) {
            byClass.get(picture.label()).add(picture.image());
        }
        List<Picture> pictures = new ArrayList<>(perClass * CLASSES);
        for (int k = 0; k < perClass; k++) {
            for (int c = 0; c < CLASSES; c++) {
                pictures.add(new Picture(c, byClass.get(c).get(k)));
            }
        }
        return pictures;
    }
}
