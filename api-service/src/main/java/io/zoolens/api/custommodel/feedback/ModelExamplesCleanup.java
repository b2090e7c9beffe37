package io.zoolens.api.custommodel.feedback;

import io.zoolens.api.classification.TrainingExamples;
import io.zoolens.api.custommodel.CustomModelDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A deleted model's examples are forgotten; the pictures stay in the albums they were filed in. */
@Component
class ModelExamplesCleanup {

    private final TrainingExamples examples;

    ModelExamplesCleanup(TrainingExamples examples) {
        this.examples = examples;
    }

    @EventListener
    void onModelDeleted(CustomModelDeleted event) {
        examples.clear(event.ownerId(), event.modelId());
    }
}
