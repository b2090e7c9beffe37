package io.zoolens.classifier.training;

/** The backbone version features belong to (a request's null version resolved to the newest loaded). */
public record BackboneRef(String name, String version) {}
