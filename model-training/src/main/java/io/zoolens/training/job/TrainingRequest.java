package io.zoolens.training.job;

import io.zoolens.training.features.Backbone;
import java.util.List;

/**
 * What to learn: classes, each a label and its pictures (an album, say), for {@code owner}, on {@code backbone}.
 */
public record TrainingRequest(String owner, String description, Backbone backbone, List<TrainingClass> classes) {

    /** One class: its label and the pictures that show it. */
    public record TrainingClass(String label, List<TrainingPicture> pictures) {}

    /** A picture by its id (for the report) and the SHA-256 of its bytes (for the feature cache). */
    public record TrainingPicture(String id, String sha256) {}
}
