package io.zoolens.api.classifier;

/** One label and how sure the model is of it (0..1): Zoolens's own type, mapped once from the classifier's. */
public record LabelScore(String label, double score) {}
