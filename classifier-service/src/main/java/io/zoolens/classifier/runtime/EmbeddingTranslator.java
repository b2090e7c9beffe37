package io.zoolens.classifier.runtime;

import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;

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
