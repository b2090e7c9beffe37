package io.zoolens.classifier.runtime;

import io.zoolens.model.ModelInput;
import java.util.List;

/** Images run through the model in one inference, and their answers in the same order. */
record ModelBatch(List<ModelInput> inputs) {

    record Predictions(List<Prediction> answers) {}
}
