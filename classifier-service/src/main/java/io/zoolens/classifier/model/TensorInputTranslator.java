package io.zoolens.classifier.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds a batch of already preprocessed images as one tensor under the signature's input key and
 * splits the task's output back per image; subclasses read one image's output. Preprocessing happens
 * before the predictor, on the request's thread, so it runs in parallel and can be timed apart.
 */
abstract class TensorInputTranslator implements NoBatchifyTranslator<ModelBatch, ModelBatch.Predictions> {

    private static final String INPUT_ATTACHMENT = "zoolens.inputs";
    private final String inputKey;
    private final String outputKey;

    TensorInputTranslator(ModelMetadata metadata) {
        this.inputKey = metadata.input().tensor();
        this.outputKey = metadata.outputs().keyFor(metadata.task());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, ModelBatch batchOfInputs) {
        List<ModelInput> inputs = batchOfInputs.inputs();
        ModelInput first = inputs.get(0);
        // One direct, native-order buffer: TensorFlow copies it into its tensor once, nothing else copies.
        FloatBuffer batch = ByteBuffer.allocateDirect(first.size() * inputs.size() * Float.BYTES)
                .order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (ModelInput input : inputs) {
            batch.put(input.tensor().duplicate().rewind());
        }
        batch.flip();
        long[] shape = first.shape().clone();
        shape[0] = inputs.size();
        NDArray array = ctx.getNDManager().create(batch, new Shape(shape));
        array.setName(inputKey);
        ctx.setAttachment(INPUT_ATTACHMENT, inputs);
        return new NDList(array);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final ModelBatch.Predictions processOutput(TranslatorContext ctx, NDList outputs) {
        List<ModelInput> inputs = (List<ModelInput>) ctx.getAttachment(INPUT_ATTACHMENT);
        float[] all = output(outputs);
        int each = all.length / inputs.size();
        List<Prediction> predictions = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            float[] values = new float[each];
            System.arraycopy(all, i * each, values, 0, each);
            predictions.add(read(values, inputs.get(i)));
        }
        return new ModelBatch.Predictions(predictions);
    }

    /** Turns one image's part of the task's output into the answer for its request. */
    abstract Prediction read(float[] values, ModelInput input);

    /** The task's output as floats; outputs come back named by signature key, in no fixed order. */
    private float[] output(NDList outputs) {
        NDArray array = outputs.get(outputKey);
        if (array == null) {
            throw new IllegalStateException("The model has no output '" + outputKey + "'; it has "
                    + outputs.stream().map(NDArray::getName).toList());
        }
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
