package io.zoolens.image;

/**
 * How large the caller will draw the decoded image, so the decoder may decode a JPEG at 1/2, 1/4 or 1/8 scale
 * instead of at full size. The decoder keeps at least {@link #MARGIN} times the drawn size on both axes, so the
 * caller's own downscale still has enough pixels to low-pass from; {@link #FULL} asks for every pixel.
 *
 * @param width drawn width in pixels, or 0 for the full size
 * @param height drawn height in pixels, or 0 for the full size
 * @param cover {@code false}: the whole image fits inside width × height (letterbox, thumbnail); {@code true}:
 *     both axes are drawn at least this large (centre crop, stretch)
 */
public record DecodeTarget(int width, int height, boolean cover) {

    /**
     * Decoded pixels per drawn pixel (per axis) the reduced decode keeps at least: about two, so the final resize
     * still averages; just under two so a 4032-pixel-wide photo drawn 512 wide decodes at 1/4 (1008 px).
     */
    public static final double MARGIN = 1.75;

    /** Every pixel: no reduction. */
    public static final DecodeTarget FULL = new DecodeTarget(0, 0, false);

    /** The largest reductions libjpeg's DCT scaling makes cheaply; ImageIO's route box-averages by the same. */
    private static final int[] DENOMINATORS = {8, 4, 2};

    public DecodeTarget {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("width and height must not be negative");
        }
    }

    /** The whole image drawn inside width × height, aspect kept (letterbox, thumbnails). */
    public static DecodeTarget fit(int width, int height) {
        return new DecodeTarget(width, height, false);
    }

    /** Both axes drawn at least width and height pixels (centre crop, stretch). */
    public static DecodeTarget cover(int width, int height) {
        return new DecodeTarget(width, height, true);
    }

    /**
     * The reduction 1/n (n = 1, 2, 4 or 8) for an upright image of this size: the largest n that still leaves
     * {@link #MARGIN} decoded pixels per drawn pixel on both axes.
     */
    public int denominator(int imageWidth, int imageHeight) {
        if (width == 0 || height == 0) {
            return 1;
        }
        double drawnWidth;
        double drawnHeight;
        if (cover) {
            drawnWidth = width;
            drawnHeight = height;
        } else {
            double scale = Math.min((double) width / imageWidth, (double) height / imageHeight);
            drawnWidth = imageWidth * scale;
            drawnHeight = imageHeight * scale;
        }
        for (int n : DENOMINATORS) {
            if (scaled(imageWidth, n) >= MARGIN * drawnWidth && scaled(imageHeight, n) >= MARGIN * drawnHeight) {
                return n;
            }
        }
        return 1;
    }

    /** A side reduced by 1/n as libjpeg rounds it: up. */
    static int scaled(int side, int n) {
        return (side + n - 1) / n;
    }
}
