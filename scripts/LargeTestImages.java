import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Makes phone-sized benchmark and test inputs from the small test photos, deterministically (fixed seeds, the
 * JDK's own JPEG writer): 12 MP JPEGs (4032×3024, one stored sideways with EXIF orientation 6 as phones do),
 * one 48 MP JPEG (8000×6000) and a PNG screenshot (2560×1440). Upscaled bicubically, then mild per-pixel noise
 * so they compress like camera photos (2–4 MB at 12 MP) instead of like smooth gradients.
 *
 * <p>Run by scripts/fetch-test-images.sh as a single-file program: {@code java LargeTestImages.java <photos> <out>}.
 * Skips every file that is already there; writes through a temporary file so a reader never sees half a file.
 */
public final class LargeTestImages {

    private static final int W12 = 4032;
    private static final int H12 = 3024;
    private static final float QUALITY = 0.9f;
    private static final double NOISE_SIGMA = 3.5;

    public static void main(String[] args) throws IOException {
        Path photos = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.createDirectories(out);
        // output name -> source photo; the upright size is 4032×3024 unless noted
        Map<String, String> twelve = new LinkedHashMap<>();
        twelve.put("chelsea-12mp.jpg", "chelsea.png");
        twelve.put("coffee-12mp.jpg", "coffee.png");
        twelve.put("flower-12mp.jpg", "flower.jpg");
        twelve.put("rocket-12mp.jpg", "rocket.jpg");
        long seed = 16;
        for (Map.Entry<String, String> entry : twelve.entrySet()) {
            Path target = out.resolve(entry.getKey());
            if (!Files.isRegularFile(target)) {
                BufferedImage upright = camera(read(photos, entry.getValue()), W12, H12, seed);
                write(target, jpeg(upright, null));
            }
            seed++;
        }
        // Portrait, as a phone stores it: the sensor's landscape pixels plus "rotate 90° clockwise to view".
        Path sideways = out.resolve("grace_hopper-12mp-exif6.jpg");
        if (!Files.isRegularFile(sideways)) {
            BufferedImage upright = camera(read(photos, "grace_hopper.jpg"), H12, W12, 21);
            write(sideways, jpeg(rotateCounterClockwise(upright), exifOrientation(6)));
        }
        Path big = out.resolve("astronaut-48mp.jpg");
        if (!Files.isRegularFile(big)) {
            write(big, jpeg(camera(read(photos, "astronaut.png"), 8000, 6000, 48), null));
        }
        Path screenshot = out.resolve("screenshot.png");
        if (!Files.isRegularFile(screenshot)) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(screenshot(read(photos, "coffee.png")), "png", png);
            write(screenshot, png.toByteArray());
        }
    }

    private static BufferedImage read(Path dir, String name) throws IOException {
        BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
        if (image == null) {
            throw new IOException("not an image: " + dir.resolve(name));
        }
        return image;
    }

    /** The centre of the photo cut to the target's aspect, upscaled bicubically, with Gaussian sensor noise. */
    static BufferedImage camera(BufferedImage photo, int width, int height, long seed) {
        double aspect = (double) width / height;
        int cropW = photo.getWidth();
        int cropH = (int) Math.round(cropW / aspect);
        if (cropH > photo.getHeight()) {
            cropH = photo.getHeight();
            cropW = (int) Math.round(cropH * aspect);
        }
        int x = (photo.getWidth() - cropW) / 2;
        int y = (photo.getHeight() - cropH) / 2;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(photo, 0, 0, width, height, x, y, x + cropW, y + cropH, null);
        } finally {
            g.dispose();
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] row = new int[width];
        for (int r = 0; r < height; r++) {
            image.getRGB(0, r, width, 1, row, 0, width);
            for (int c = 0; c < width; c++) {
                int rgb = row[c];
                // one luminance-like noise value plus a little per channel, as a sensor's grain looks
                double common = random.nextGaussian() * NOISE_SIGMA;
                int red = clamp(((rgb >> 16) & 0xFF) + common + random.nextGaussian() * NOISE_SIGMA / 2);
                int green = clamp(((rgb >> 8) & 0xFF) + common + random.nextGaussian() * NOISE_SIGMA / 2);
                int blue = clamp((rgb & 0xFF) + common + random.nextGaussian() * NOISE_SIGMA / 2);
                row[c] = (red << 16) | (green << 8) | blue;
            }
            image.setRGB(0, r, width, 1, row, 0, width);
        }
        return image;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value)));
    }

    private static BufferedImage rotateCounterClockwise(BufferedImage upright) {
        int w = upright.getWidth();
        int h = upright.getHeight();
        BufferedImage stored = new BufferedImage(h, w, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // upright (x, y) is stored at (y, w - 1 - x): orientation 6 turns it back clockwise
                stored.setRGB(y, w - 1 - x, upright.getRGB(x, y));
            }
        }
        return stored;
    }

    /** A JPEG (4:2:0, like a phone's) with, when given, an APP1 Exif segment right after the SOI marker. */
    private static byte[] jpeg(BufferedImage image, byte[] app1) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = bytes.toByteArray();
        if (app1 == null) {
            return jpeg;
        }
        byte[] result = new byte[jpeg.length + app1.length];
        System.arraycopy(jpeg, 0, result, 0, 2);
        System.arraycopy(app1, 0, result, 2, app1.length);
        System.arraycopy(jpeg, 2, result, 2 + app1.length, jpeg.length - 2);
        return result;
    }

    /** APP1 "Exif" with a big-endian TIFF header and one IFD entry: Orientation (0x0112, SHORT) = value. */
    private static byte[] exifOrientation(int value) {
        byte[] tiff = {
            'M', 'M', 0, 42, 0, 0, 0, 8, // header, IFD0 at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) value, 0, 0, // tag, SHORT, count 1, value left-justified
            0, 0, 0, 0 // no next IFD
        };
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exif.length + tiff.length;
        byte[] segment = new byte[2 + length];
        segment[0] = (byte) 0xFF;
        segment[1] = (byte) 0xE1;
        segment[2] = (byte) (length >> 8);
        segment[3] = (byte) length;
        System.arraycopy(exif, 0, segment, 4, exif.length);
        System.arraycopy(tiff, 0, segment, 4 + exif.length, tiff.length);
        return segment;
    }

    /** A desktop screenshot: flat window chrome, lines of text, and a photo inside: what PNG uploads look like. */
    private static BufferedImage screenshot(BufferedImage photo) {
        int width = 2560;
        int height = 1440;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xF3F4F6));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(0x1F2937));
            g.fillRect(0, 0, width, 72);
            g.setColor(new Color(0xE5E7EB));
            g.fillRect(0, 72, 420, height - 72);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
            g.setColor(new Color(0x374151));
            for (int line = 0; line < 40; line++) {
                g.drawString("Album " + (line + 1) + " · " + (line * 7 % 23 + 1) + " photos", 32, 120 + line * 32);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(photo, 520, 140, 1500, 1000, null);
            g.setColor(new Color(0x111827));
            for (int line = 0; line < 6; line++) {
                g.drawString("cup (0." + (91 - line * 13) + ")  ·  box " + (line * 40) + ", " + (line * 25)
                        + ", 1200×800", 520, 1200 + line * 34);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void write(Path target, byte[] bytes) throws IOException {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("%s: %d bytes%n", target, bytes.length);
    }
}
