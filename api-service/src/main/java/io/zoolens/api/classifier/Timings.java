package io.zoolens.api.classifier;

/** Milliseconds: the classifier's own stages and the round trip as the api-service saw it. */
public record Timings(Double decodeMs, Double preprocessMs, Double inferenceMs, Double classifierMs) {}
