package io.zoolens.api.classifier;

/** The model that answered: its name, the version active at the time and its task. */
public record ModelUsed(String name, String version, String task) {}
