package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.util.Objects;

/** A decoded image: upright, {@link BufferedImage#TYPE_INT_RGB} pixels, and what it was. */
public record DecodedImage(BufferedImage rgb, ImageInfo info) {

    public DecodedImage {
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(info, "info");
    }
}
