package io.zoolens.image.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

/** How far apart two decodes or scalings of the same picture are, for tests that compare pixels. */
public final class ImageComparison {

    private ImageComparison() {}

    /** The mean over every pixel and colour channel of |a − b|, 0–255; the images must be the same size. */
    public static double meanAbsoluteDifference(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth() + "x" + b.getHeight())
                .as("the compared image's size")
                .isEqualTo(a.getWidth() + "x" + a.getHeight());
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }
}
