package io.zoolens.api.support;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.ImageIO;

/** Real images for uploads: drawn here with ImageIO, or the photos fetched by scripts/fetch-test-images.sh. */
public final class TestImages {

    private TestImages() {}

    /** A PNG of the given size with a gradient and a random dot, so every call gives different bytes. */
    public static byte[] png(int width, int height) {
        return encode(drawn(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(drawn(width, height), "jpg");
    }

    /** The first half of a JPEG: a real header, a truncated body. */
    public static byte[] truncatedJpeg() {
        byte[] whole = jpeg(400, 300);
        return Arrays.copyOf(whole, whole.length / 2);
    }

    /** A photo fetched by {@code scripts/fetch-test-images.sh} into {@code .cache/test-images/}. */
    public static byte[] fetched(String name) {
        Path file = fetchedDir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Test image " + file + " is missing: run scripts/fetch-test-images.sh"
                    + " (.ci/run does) before the tests.");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path fetchedDir() {
        // Maven runs tests in the module folder; the cache lives in the repository root.
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".cache/test-images"))) {
                return dir.resolve(".cache/test-images");
            }
        }
        return here.resolve("../.cache/test-images").normalize();
    }

    private static BufferedImage drawn(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, width, height, Color.DARK_GRAY));
        g.fillRect(0, 0, width, height);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillOval(random.nextInt(Math.max(1, width - 10)), random.nextInt(Math.max(1, height - 10)), 10, 10);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
