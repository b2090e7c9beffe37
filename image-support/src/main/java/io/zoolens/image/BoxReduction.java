package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/**
 * Reduces a {@code TYPE_INT_RGB} image by 1/n with an n × n box average (a proper low-pass, unlike ImageIO's
 * source subsampling, which keeps every n-th pixel and aliases). Sides are rounded up like libjpeg's scaled
 * decode, the last partial boxes average the pixels they have, so both routes give images of the same size.
 */
final class BoxReduction {

    private BoxReduction() {}

    static BufferedImage reduce(BufferedImage rgb, int n) {
        if (n == 1) {
            return rgb;
        }
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int outW = DecodeTarget.scaled(w, n);
        int outH = DecodeTarget.scaled(h, n);
        int[] in = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        BufferedImage reduced = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        int[] out = ((DataBufferInt) reduced.getRaster().getDataBuffer()).getData();
        int[] red = new int[outW];
        int[] green = new int[outW];
        int[] blue = new int[outW];
        for (int oy = 0; oy < outH; oy++) {
            java.util.Arrays.fill(red, 0);
            java.util.Arrays.fill(green, 0);
            java.util.Arrays.fill(blue, 0);
            int yEnd = Math.min(h, (oy + 1) * n);
            for (int y = oy * n; y < yEnd; y++) {
                int row = y * w;
                for (int x = 0; x < w; x++) {
                    int pixel = in[row + x];
                    int ox = x / n;
                    red[ox] += (pixel >> 16) & 0xFF;
                    green[ox] += (pixel >> 8) & 0xFF;
                    blue[ox] += pixel & 0xFF;
                }
            }
            int rows = yEnd - oy * n;
            for (int ox = 0; ox < outW; ox++) {
                int count = rows * (Math.min(w, (ox + 1) * n) - ox * n);
                int half = count / 2;
                out[oy * outW + ox] = ((red[ox] + half) / count << 16)
                        | ((green[ox] + half) / count << 8)
                        | (blue[ox] + half) / count;
            }
        }
        return reduced;
    }
}
