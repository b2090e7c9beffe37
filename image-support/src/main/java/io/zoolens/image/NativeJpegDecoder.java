package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * A native JPEG decoder that scales in the DCT domain (libjpeg-turbo), found with {@link java.util.ServiceLoader}
 * (module image-turbojpeg). The {@link ImageDecoder} has checked bytes, format and pixel limits before it is
 * called; anything this decoder refuses, or even warns about, is decoded again by ImageIO, which then gives the
 * exact refusal, so the two routes never disagree on what is accepted.
 */
public interface NativeJpegDecoder {

    /** A short name for logs and benchmark reports, e.g. {@code "libjpeg-turbo 2.1"}. */
    String name();

    /**
     * The first frame at 1/denominator of its stored size (sides rounded up), {@code TYPE_INT_RGB}, not yet
     * turned upright.
     *
     * @param denominator 1, 2, 4 or 8
     * @param width the stored width the ImageIO header check read; a different one in libjpeg's header fails
     * @param height likewise the stored height
     * @throws IOException for any error or warning of the native decoder (truncated, corrupt, CMYK, ...)
     */
    BufferedImage decode(byte[] jpeg, int denominator, int width, int height) throws IOException;
}
