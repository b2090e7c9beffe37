package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Turns a stored image upright according to its EXIF orientation (TIFF 6.0 / Exif 2.3 tag 0x0112). Pixels
 * are moved by index, so the result is exact: no interpolation, no off-by-one at the edges.
 */
final class Orientation {

    private Orientation() {}

    /** Whether the orientation turns the image a quarter, so width and height trade places. */
    static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * {@code rgb} itself for orientation 1; otherwise a new, upright {@code TYPE_INT_RGB} image.
     *
     * @param rgb a whole {@code TYPE_INT_RGB} image (not a sub-image), as {@link RgbConversion} makes them;
     *     its pixel array is read in place, so a 40-megapixel photo is not copied once more
     */
    static BufferedImage upright(BufferedImage rgb, int orientation) {
        if (orientation == ExifOrientation.UPRIGHT) {
            return rgb;
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int[] src = pixels(rgb);
        boolean swap = swapsAxes(orientation);
        int dw = swap ? h : w;
        int dh = swap ? w : h;
        BufferedImage result = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) result.getRaster().getDataBuffer()).getData();
        for (int dy = 0; dy < dh; dy++) {
            for (int dx = 0; dx < dw; dx++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { // mirrored left-right
                        sx = w - 1 - dx;
                        sy = dy;
                    }
                    case 3 -> { // turned 180°
                        sx = w - 1 - dx;
                        sy = h - 1 - dy;
                    }
                    case 4 -> { // mirrored top-bottom
                        sx = dx;
                        sy = h - 1 - dy;
                    }
                    case 5 -> { // transposed: stored rows are displayed columns
                        sx = dy;
                        sy = dx;
                    }
                    case 6 -> { // needs a quarter turn clockwise
                        sx = dy;
                        sy = h - 1 - dx;
                    }
                    case 7 -> { // transversed
                        sx = w - 1 - dy;
                        sy = h - 1 - dx;
                    }
                    case 8 -> { // needs a quarter turn counter-clockwise
                        sx = w - 1 - dy;
                        sy = dx;
                    }
                    default -> throw new IllegalArgumentException("EXIF orientation must be 1..8: " + orientation);
                }
                dst[dy * dw + dx] = src[sy * w + sx];
            }
        }
        return result;
    }

    private static int[] pixels(BufferedImage rgb) {
        if (rgb.getType() == BufferedImage.TYPE_INT_RGB
                && rgb.getRaster().getParent() == null
                && rgb.getRaster().getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0
                && buffer.getData().length == rgb.getWidth() * rgb.getHeight()) {
            return buffer.getData();
        }
        throw new IllegalArgumentException("Expected a whole TYPE_INT_RGB image");
    }
}
