package io.zoolens.model;

/**
 * How the original image was placed into the model's input: input = original * scale + offset.
 * Kept with each request so boxes in input pixels map back to the original photo.
 */
public record InputGeometry(
        int originalWidth,
        int originalHeight,
        int inputWidth,
        int inputHeight,
        double scaleX,
        double scaleY,
        double offsetX,
        double offsetY) {

    /** Maps a box given by two corners in input pixels to the original image, clipped to it. */
    public Box toOriginal(double x1, double y1, double x2, double y2) {
        double left = clamp((Math.min(x1, x2) - offsetX) / scaleX, originalWidth);
        double top = clamp((Math.min(y1, y2) - offsetY) / scaleY, originalHeight);
        double right = clamp((Math.max(x1, x2) - offsetX) / scaleX, originalWidth);
        double bottom = clamp((Math.max(y1, y2) - offsetY) / scaleY, originalHeight);
        return new Box(left, top, right - left, bottom - top);
    }

    private static double clamp(double value, int limit) {
        return Math.max(0, Math.min(limit, value));
    }

    /** A box in original-image pixels with a top-left origin. */
    public record Box(double x, double y, double width, double height) {}
}
