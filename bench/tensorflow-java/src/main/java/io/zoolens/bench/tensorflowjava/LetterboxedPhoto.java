package io.zoolens.bench.tensorflowjava;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A photo as the default model's input: scaled to fit a square, centred on black, RGB values 0..255
 * in NHWC order. The same steps and rendering hints as classifier-service's {@code Preprocessor}
 * (this module must not depend on it), so both benchmarks feed the same tensor: both print its sum.
 */
final class LetterboxedPhoto {

    private LetterboxedPhoto() {}

    static float[] read(Path photo, int size) throws IOException {
        if (!Files.isRegularFile(photo)) {
            throw new IllegalStateException(photo + " is missing: run scripts/fetch-test-images.sh");
        }
        BufferedImage decoded = ImageIO.read(photo.toFile());
        BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(decoded, 0, 0, null);
        return letterbox(rgb, size);
    }

    static float[] letterbox(BufferedImage rgb, int size) {
        double scale = Math.min((double) size / rgb.getWidth(), (double) size / rgb.getHeight());
        BufferedImage canvas = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, size, size);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(
                halveTowards(rgb, scale),
                (int) Math.round((size - rgb.getWidth() * scale) / 2),
                (int) Math.round((size - rgb.getHeight() * scale) / 2),
                (int) Math.round(rgb.getWidth() * scale),
                (int) Math.round(rgb.getHeight() * scale),
                null);
        g.dispose();
        int[] pixels = canvas.getRGB(0, 0, size, size, null, 0, size);
        float[] tensor = new float[pixels.length * 3];
        for (int i = 0; i < pixels.length; i++) {
            tensor[3 * i] = (pixels[i] >> 16) & 0xFF;
            tensor[3 * i + 1] = (pixels[i] >> 8) & 0xFF;
            tensor[3 * i + 2] = pixels[i] & 0xFF;
        }
        return tensor;
    }

    /** Bilinear drawing of a large reduction aliases; halving first keeps each step within 2×. */
    private static BufferedImage halveTowards(BufferedImage image, double scale) {
        BufferedImage current = image;
        double remainingX = scale;
        double remainingY = scale;
        while (remainingX < 0.5 && remainingY < 0.5) {
            int w = Math.max(1, current.getWidth() / 2);
            int h = Math.max(1, current.getHeight() / 2);
            BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = half.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(current, 0, 0, w, h, null);
            g.dispose();
            remainingX *= (double) current.getWidth() / w;
            remainingY *= (double) current.getHeight() / h;
            current = half;
        }
        return current;
    }
}
