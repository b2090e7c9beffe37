package io.zoolens.classifier.model;

/** The model's output vector, unchanged. */
final class EmbeddingTranslator extends TensorInputTranslator {

    EmbeddingTranslator(ModelMetadata metadata) {
        super(metadata);
    }

    @Override
    Prediction read(float[] values, ModelInput input) {
        return new Prediction(null, null, values);
    }
}
