package io.zoolens.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/** Brings any decoded image to opaque 8-bit sRGB ({@code TYPE_INT_RGB}), transparency composited on white. */
final class RgbConversion {

    private static final int WHITE = 255;

    private RgbConversion() {}

    static BufferedImage toRgb(BufferedImage image) {
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return fromGray(image);
        }
        // Java2D converts indexed, 16-bit, CMYK (ICC) and alpha images; alpha is blended over the white fill.
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * Gray samples are copied as they are (r = g = b = gray). Java2D does so for plain gray images, but
     * treats gray with alpha as linear light and brightens its mid-tones (100 becomes 168), while PNG and
     * JPEG gray values are gamma-encoded like sRGB.
     */
    private static BufferedImage fromGray(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        Raster raster = image.getRaster();
        boolean hasAlpha = image.getColorModel().hasAlpha() && raster.getNumBands() > 1;
        int grayMax = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
        int alphaMax = hasAlpha ? (1 << raster.getSampleModel().getSampleSize(1)) - 1 : 1;
        boolean premultiplied = image.isAlphaPremultiplied();
        BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int[] gray = new int[w];
        int[] alpha = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, gray);
            if (hasAlpha) {
                raster.getSamples(0, y, w, 1, 1, alpha);
            }
            for (int x = 0; x < w; x++) {
                int v = scale(gray[x], grayMax);
                if (hasAlpha) {
                    int a = scale(alpha[x], alphaMax);
                    int background = WHITE * (WHITE - a);
                    v = premultiplied ? v + (background + 127) / WHITE : (v * a + background + 127) / WHITE;
                }
                out[y * w + x] = (v << 16) | (v << 8) | v;
            }
        }
        return rgb;
    }

    private static int scale(int sample, int max) {
        return max == WHITE ? sample : (int) ((sample * (long) WHITE + max / 2) / max);
    }
}
