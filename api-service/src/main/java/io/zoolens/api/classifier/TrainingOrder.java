package io.zoolens.api.classifier;

import java.util.List;

/**
 * One training as the api-service asks for it: the owner's classes (label and pictures by id and SHA-256), the
 * custom model's classifier folder and the backbone.
 */
public record TrainingOrder(
        String owner, String model, String description, String backbone, List<TrainingClass> classes) {

    public record TrainingClass(String label, List<Picture> pictures) {}

    public record Picture(String id, String sha256) {}
}
