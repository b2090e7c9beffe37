package io.zoolens.classifier.model;

import ai.djl.ndarray.NDList;

/** The model's output vector, unchanged. */
final class EmbeddingTranslator extends TensorInputTranslator {

    EmbeddingTranslator(ModelMetadata metadata) {
        super(metadata);
    }

    @Override
    Prediction read(NDList outputs, ModelInput input) {
        return new Prediction(null, null, output(outputs));
    }
}
