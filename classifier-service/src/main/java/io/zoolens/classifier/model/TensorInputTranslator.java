package io.zoolens.classifier.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Feeds an already preprocessed tensor under the signature's input key; subclasses read the
 * outputs for their task. Preprocessing happens before the predictor so it can be timed apart.
 */
abstract class TensorInputTranslator implements NoBatchifyTranslator<ModelInput, Prediction> {

    private static final String INPUT_ATTACHMENT = "zoolens.input";
    private final String inputKey;
    private final String outputKey;

    TensorInputTranslator(ModelMetadata metadata) {
        this.inputKey = metadata.input().tensor();
        this.outputKey = metadata.outputs().keyFor(metadata.task());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, ModelInput input) {
        input.tensor().rewind();
        NDArray array = ctx.getNDManager().create(input.tensor(), new Shape(input.shape()));
        array.setName(inputKey);
        ctx.setAttachment(INPUT_ATTACHMENT, input);
        return new NDList(array);
    }

    @Override
    public final Prediction processOutput(TranslatorContext ctx, NDList outputs) {
        return read(outputs, (ModelInput) ctx.getAttachment(INPUT_ATTACHMENT));
    }

    /** Turns the model's named outputs into the answer for this request. */
    abstract Prediction read(NDList outputs, ModelInput input);

    /** The task's output as floats; outputs come back named by signature key, in no fixed order. */
    float[] output(NDList outputs) {
        NDArray array = outputs.get(outputKey);
        if (array == null) {
            throw new IllegalStateException("The model has no output '" + outputKey + "'; it has "
                    + outputs.stream().map(NDArray::getName).toList());
        }
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
