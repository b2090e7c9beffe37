package io.zoolens.api.classifier;

/** One object the model found, with its box in the original image's pixels (top-left origin). */
public record Detection(String label, double score, Box box) {

    public record Box(double x, double y, double width, double height) {}
}
