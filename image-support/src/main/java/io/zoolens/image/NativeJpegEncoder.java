package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * A native JPEG encoder (libjpeg-turbo), found with {@link java.util.ServiceLoader} (module image-turbojpeg).
 * {@link Thumbnails} uses it for {@code TYPE_INT_RGB} images and falls back to ImageIO's writer on any failure.
 */
public interface NativeJpegEncoder {

    /** A short name for logs and benchmark reports. */
    String name();

    /**
     * A baseline JPEG (YCbCr 4:2:0, as ImageIO writes) of the image.
     *
     * @param rgb a {@code TYPE_INT_RGB} image
     * @param quality libjpeg's quality, 1 to 100
     */
    byte[] encode(BufferedImage rgb, int quality) throws IOException;
}
