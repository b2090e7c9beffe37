package io.zoolens.api.classification;

import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.Detection;
import java.util.Objects;

/**
 * What the classifier is sent for an image ({@link UploadDecoding}): the original bytes when the upright image is
 * small enough, otherwise a downscaled upright JPEG; with the size of both, so the answer's boxes can be taken back
 * to the original's upright pixels, which is what the stored record and the public JSON describe.
 *
 * @param bytes the image the classifier decodes
 * @param width its upright width
 * @param height its upright height
 * @param originalWidth the original's upright width
 * @param originalHeight the original's upright height
 */
record ModelInput(byte[] bytes, int width, int height, int originalWidth, int originalHeight) {

    ModelInput {
        Objects.requireNonNull(bytes, "bytes");
        if (width <= 0 || height <= 0 || originalWidth <= 0 || originalHeight <= 0) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    /** The original itself: the classifier's answer needs no mapping. */
    static ModelInput original(byte[] bytes, int width, int height) {
        return new ModelInput(bytes, width, height, width, height);
    }

    boolean downscaled() {
        return width != originalWidth || height != originalHeight;
    }

    /** The classifier's answer about {@link #bytes()} with its boxes in the original's upright pixels. */
    Classified toOriginal(Classified answer) {
        if (!downscaled()) {
            return answer;
        }
        return answer.withObjects(
                answer.objects().stream().map(this::toOriginal).toList());
    }

    private Detection toOriginal(Detection object) {
        Detection.Box box = object.box();
        if (box == null) {
            return object;
        }
        double sx = (double) originalWidth / width;
        double sy = (double) originalHeight / height;
        double left = clamp(box.x() * sx, originalWidth);
        double top = clamp(box.y() * sy, originalHeight);
        double right = clamp((box.x() + box.width()) * sx, originalWidth);
        double bottom = clamp((box.y() + box.height()) * sy, originalHeight);
        return new Detection(object.label(), object.score(), new Detection.Box(left, top, right - left, bottom - top));
    }

    private static double clamp(double value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }
}
