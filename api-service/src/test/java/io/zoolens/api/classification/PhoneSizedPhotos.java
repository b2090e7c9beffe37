package io.zoolens.api.classification;

import io.zoolens.image.testing.TestImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Phone-sized photos made from the small test photos: what people upload, at 12 megapixels. */
final class PhoneSizedPhotos {

    static final int WIDTH = 4032;
    static final int HEIGHT = 3024;

    private PhoneSizedPhotos() {}

    /**
     * {@code .cache/test-images/<name>} scaled up (bicubic) to 4032 × 3024, with a little sensor-like noise (the
     * same for every call) so that it compresses like a camera photo rather than a smooth blow-up.
     */
    static BufferedImage upscaled(String name) {
        BufferedImage photo = resized(read(TestImages.fetched(name)), WIDTH, HEIGHT);
        int[] pixels = ((DataBufferInt) photo.getRaster().getDataBuffer()).getData();
        Random noise = new Random(12);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int r = clamp(((p >> 16) & 0xff) + noise.nextInt(13) - 6);
            int g = clamp(((p >> 8) & 0xff) + noise.nextInt(13) - 6);
            int b = clamp((p & 0xff) + noise.nextInt(13) - 6);
            pixels[i] = (r << 16) | (g << 8) | b;
        }
        return photo;
    }

    private static int clamp(int channel) {
        return Math.max(0, Math.min(255, channel));
    }

    /** The image as a JPEG at the JDK's default quality (0.75): about 0.75 MB at 12 MP with the noise. */
    static byte[] jpeg(BufferedImage image) {
        return TestImages.encode(image, "jpeg");
    }

    static BufferedImage resized(BufferedImage source, int width, int height) {
        BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        return target;
    }

    static BufferedImage read(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
