package io.zoolens.classifier.model;

import java.nio.FloatBuffer;

/**
 * A preprocessed image ready for one inference, plus what the answer's post-processing needs.
 *
 * @param tensor the input values in the model's layout, {@code shape} elements long
 * @param shape the input tensor's shape, batch of one first
 */
public record ModelInput(FloatBuffer tensor, long[] shape, InputGeometry geometry, int topK, float minScore) {}
