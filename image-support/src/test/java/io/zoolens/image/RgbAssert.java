package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

/** Colour assertions with a per-channel tolerance, since JPEG and lossy WebP do not keep exact colours. */
final class RgbAssert {

    private RgbAssert() {}

    static void assertPixel(BufferedImage image, int x, int y, int expectedRgb, int tolerance) {
        int actual = image.getRGB(x, y) & 0xffffff;
        for (int shift = 0; shift <= 16; shift += 8) {
            int a = (actual >> shift) & 0xff;
            int e = (expectedRgb >> shift) & 0xff;
            assertThat(Math.abs(a - e))
                    .as("pixel (%d,%d) is #%06x, expected #%06x ± %d", x, y, actual, expectedRgb, tolerance)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    /** The quadrant centres, top-left, top-right, bottom-left, bottom-right, have the given colours. */
    static void assertQuadrants(
            BufferedImage image, int topLeft, int topRight, int bottomLeft, int bottomRight, int tolerance) {
        int w = image.getWidth();
        int h = image.getHeight();
        assertPixel(image, w / 4, h / 4, topLeft, tolerance);
        assertPixel(image, 3 * w / 4, h / 4, topRight, tolerance);
        assertPixel(image, w / 4, 3 * h / 4, bottomLeft, tolerance);
        assertPixel(image, 3 * w / 4, 3 * h / 4, bottomRight, tolerance);
    }
}
