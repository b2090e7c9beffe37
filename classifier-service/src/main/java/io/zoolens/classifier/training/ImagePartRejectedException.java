package io.zoolens.classifier.training;

import io.zoolens.image.ImageRejectedException;

/** One part of a features request is not an acceptable image: the decoder's refusal and the part's index. */
public class ImagePartRejectedException extends RuntimeException {

    private final int part;

    ImagePartRejectedException(int part, ImageRejectedException cause) {
        super("Part " + part + ": " + cause.getMessage(), cause);
        this.part = part;
    }

    public int part() {
        return part;
    }

    public ImageRejectedException rejection() {
        return (ImageRejectedException) getCause();
    }
}
