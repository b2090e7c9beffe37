package io.zoolens.api.classification;

import java.util.Optional;

/**
 * Feedback that teaches: which class album feedback on a custom model's answer files the item into; implemented by
 * the custom-model feature.
 */
public interface CustomModelFeedback {

    /**
     * The class the feedback names: the predicted one when {@code correct}, else the class called {@code label}
     * (ignoring case; another label is a 422 {@code not-a-class}). Empty when {@code folder} is no custom model of
     * the owner's (any more), or when the feedback names no class ("right, none of my classes"; wrong without a
     * label).
     *
     * @param predicted the answer's top label, {@code null} when the model said "none of my classes"
     */
    Optional<Filing> filing(
            String ownerId, String folder, String version, String predicted, boolean correct, String label);

    /** File into {@code albumId}, the album of class {@code label} of model {@code modelId}. */
    record Filing(String modelId, String label, String albumId) {}
}
