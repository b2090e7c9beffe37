package io.zoolens.model;

import java.nio.FloatBuffer;

/**
 * A preprocessed image ready for inference, plus what the answer's post-processing needs.
 *
 * @param tensor the input values in the model's layout for one image, {@code shape} elements long
 * @param shape the input tensor's shape for this image, batch of one first
 */
public record ModelInput(FloatBuffer tensor, long[] shape, InputGeometry geometry, int topK, float minScore) {

    /** Values per image: the product of the shape. */
    public int size() {
        return tensor.capacity();
    }
}
