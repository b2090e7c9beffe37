package io.zoolens.image.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Images made in code for the tests of image-support and both services (shared through image-support's test-jar),
 * the few WebP files made by src/test/make-test-webp.sh, and the real photos scripts/fetch-test-images.sh puts into
 * {@code .cache/test-images}. Hostile bytes are in {@link HostileImages}.
 */
public final class TestImages {

    public static final int RED = 0xff0000;
    public static final int GREEN = 0x00ff00;
    public static final int BLUE = 0x0000ff;
    public static final int WHITE = 0xffffff;

    private TestImages() {}

    /** Four quadrants: red top-left, green top-right, blue bottom-left, white bottom-right. */
    public static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        fill(g, RED, 0, 0, width / 2, height / 2);
        fill(g, GREEN, width / 2, 0, width - width / 2, height / 2);
        fill(g, BLUE, 0, height / 2, width / 2, height - height / 2);
        fill(g, WHITE, width / 2, height / 2, width - width / 2, height - height / 2);
        g.dispose();
        return image;
    }

    /** Random pixels: nothing compresses them, so truncating the file cuts into the pixel data. */
    public static BufferedImage noise(int width, int height) {
        Random random = new Random(42);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    public static BufferedImage filled(int width, int height, int imageType, Color color) {
        BufferedImage image = new BufferedImage(width, height, imageType);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private static void fill(Graphics2D g, int rgb, int x, int y, int w, int h) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, w, h);
    }

    /** Encodes with the JDK's ImageIO writer for {@code format} ("png", "jpeg", "gif", "bmp"). */
    public static byte[] encode(BufferedImage image, String format) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A single-colour image in the format ("png", "jpeg", "gif", "bmp"). */
    public static byte[] solid(Color colour, int width, int height, String format) {
        return encode(filled(width, height, BufferedImage.TYPE_INT_RGB, colour), format);
    }

    /** A PNG with a gradient and a random dot, so every call gives different bytes (no de-duplication). */
    public static byte[] png(int width, int height) {
        return encode(drawn(width, height), "png");
    }

    /** A JPEG like {@link #png(int, int)}. */
    public static byte[] jpeg(int width, int height) {
        return encode(drawn(width, height), "jpeg");
    }

    /** The first half of a JPEG: a real header, a truncated body. */
    public static byte[] truncatedJpeg() {
        return truncated(jpeg(400, 300));
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

    /** An animated GIF, one frame per image. */
    public static byte[] animatedGif(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (BufferedImage frame : frames) {
                writer.writeToSequence(new IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A minimal big-endian TIFF structure as Exif stores it: one IFD0 entry, Orientation (0x0112) as a
     * SHORT.
     */
    public static byte[] exifTiff(int orientation) {
        return ByteBuffer.allocate(26)
                .put("MM".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 42)
                .putInt(8) // IFD0 offset
                .putShort((short) 1) // one entry
                .putShort((short) 0x0112)
                .putShort((short) 3) // SHORT
                .putInt(1) // count
                .putShort((short) orientation)
                .putShort((short) 0) // value padding
                .putInt(0) // no next IFD
                .array();
    }

    /** The JPEG with an APP1 "Exif" segment carrying the orientation, placed after SOI (and APP0, if any). */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = exifTiff(orientation);
        byte[] preamble = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + preamble.length + tiff.length;
        ByteBuffer app1 = ByteBuffer.allocate(2 + length)
                .put((byte) 0xff)
                .put((byte) 0xe1)
                .putShort((short) length)
                .put(preamble)
                .put(tiff);
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
            at = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        }
        return HostileImages.splice(jpeg, at, app1.array());
    }

    /** The JPEG with an APP2 ICC_PROFILE segment whose profile is garbage, as some cameras write. */
    public static byte[] withBrokenIccProfile(byte[] jpeg) {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5a);
        return withIccProfile(jpeg, garbage, garbage.length);
    }

    /**
     * The JPEG with this ICC profile embedded as cameras do: APP2 ICC_PROFILE segments of at most
     * {@code chunkSize} profile bytes each, numbered, right after SOI.
     */
    public static byte[] withIccProfile(byte[] jpeg, byte[] profile, int chunkSize) {
        byte[] identifier = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
        int chunks = (profile.length + chunkSize - 1) / chunkSize;
        ByteArrayOutputStream segments = new ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            int from = i * chunkSize;
            int size = Math.min(chunkSize, profile.length - from);
            int length = 2 + identifier.length + 2 + size;
            segments.writeBytes(ByteBuffer.allocate(2 + length)
                    .put((byte) 0xff)
                    .put((byte) 0xe2)
                    .putShort((short) length)
                    .put(identifier)
                    .put((byte) (i + 1)) // chunk i + 1
                    .put((byte) chunks) // of this many
                    .put(profile, from, size)
                    .array());
        }
        return HostileImages.splice(jpeg, 2, segments.toByteArray());
    }

    /** The PNG with an eXIf chunk carrying the orientation, placed right after IHDR. */
    public static byte[] pngWithExifOrientation(byte[] png, int orientation) {
        int afterIhdr = 8 + 4 + 4 + 13 + 4;
        return HostileImages.splice(png, afterIhdr, HostileImages.pngChunk("eXIf", exifTiff(orientation)));
    }

    /** A PNG that is only a signature, an IHDR chunk (8-bit RGB) and IEND: it declares a size, no pixels. */
    public static byte[] pngHeaderOnly(int width, int height) {
        byte[] ihdr = ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8) // bit depth
                .put((byte) 2) // colour type: RGB
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(HostileImages.pngChunk("IHDR", ihdr));
        out.writeBytes(HostileImages.pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** The first {@code keep} share of the bytes. */
    public static byte[] truncated(byte[] bytes, double keep) {
        return Arrays.copyOf(bytes, (int) (bytes.length * keep));
    }

    /** The first half: for a PNG or JPEG, a header that promises pixels that never come. */
    public static byte[] truncated(byte[] bytes) {
        return truncated(bytes, 0.5);
    }

    /** One of the WebP files in {@code src/test/resources/io/zoolens/image/}. */
    public static byte[] resource(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/io/zoolens/image/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real photo fetched by {@code scripts/fetch-test-images.sh}; fails with the command to run when missing. */
    public static byte[] fetched(String name) {
        Path file = repositoryRoot().resolve(".cache/test-images").resolve(name);
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

    /**
     * A phone-sized photo made by scripts/LargeTestImages.java into {@code .cache/test-images/large}: 4032 × 3024
     * JPEGs of 2.3–2.6 MB ({@code chelsea-12mp.jpg}, {@code coffee-12mp.jpg}, {@code flower-12mp.jpg},
     * {@code rocket-12mp.jpg}), {@code grace_hopper-12mp-exif6.jpg} stored sideways with EXIF orientation 6 (upright
     * 3024 × 4032), {@code astronaut-48mp.jpg} and {@code screenshot.png}.
     */
    public static byte[] large(String name) {
        return fetched("large/" + name);
    }

    /** Smooth gradients and hard edges, as in a photo: what scaling and JPEG coding must both keep. */
    public static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(240, 200, 40)));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(200, 40, 40));
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
            g.setColor(Color.WHITE);
            g.fillRect(width / 10, height / 10, width / 8, height / 3);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The image ImageIO decodes from the bytes, all pixels, EXIF orientation not applied. */
    public static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("an image ImageIO reads").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's root: Maven runs tests in the module's folder. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no mvnw above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}
