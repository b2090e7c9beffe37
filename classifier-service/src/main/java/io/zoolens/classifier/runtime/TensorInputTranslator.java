package io.zoolens.classifier.runtime;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
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
    private final ThreadLocal<ByteBuffer> staging = new ThreadLocal<>();

    TensorInputTranslator(ModelMetadata metadata) {
        this.inputKey = metadata.input().tensor();
        this.outputKey = metadata.outputs().keyFor(metadata.task());
    }

    @Override
    public NDList processInput(TranslatorContext ctx, ModelBatch batchOfInputs) {
        List<ModelInput> inputs = batchOfInputs.inputs();
        ModelInput first = inputs.get(0);
        ByteBuffer bytes = staging(first.size() * inputs.size() * Float.BYTES);
        FloatBuffer values = bytes.asFloatBuffer();
        for (ModelInput input : inputs) {
            values.put(input.tensor().duplicate().rewind());
        }
        long[] shape = first.shape().clone();
        shape[0] = inputs.size();
        NDArray array = ctx.getNDManager().create(bytes, new Shape(shape), DataType.FLOAT32);
        array.setName(inputKey);
        ctx.setAttachment(INPUT_ATTACHMENT, inputs);
        return new NDList(array);
    }

    /**
     * The worker thread's reusable direct buffer for a batch's input. TensorFlow copies a direct byte buffer
     * into its tensor in one go; anything else DJL first copies into a new direct buffer, which would be
     * allocated per batch and freed only when the garbage collector gets to it.
     */
    private ByteBuffer staging(int bytes) {
        ByteBuffer buffer = staging.get();
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            staging.set(buffer);
        }
        buffer.clear().limit(bytes);
        return buffer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public final ModelBatch.Predictions processOutput(TranslatorContext ctx, NDList outputs) {
        List<ModelInput> inputs = (List<ModelInput>) ctx.getAttachment(INPUT_ATTACHMENT);
        float[] all = output(outputs, outputKey);
        List<String> extraKeys = extraOutputs();
        List<float[]> extras = new ArrayList<>(extraKeys.size());
        for (String key : extraKeys) {
            extras.add(output(outputs, key));
        }
        List<Prediction> predictions = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            float[][] extraValues = new float[extras.size()][];
            for (int e = 0; e < extras.size(); e++) {
                extraValues[e] = slice(extras.get(e), i, inputs.size());
            }
            predictions.add(read(slice(all, i, inputs.size()), extraValues, inputs.get(i)));
        }
        return new ModelBatch.Predictions(predictions);
    }

    private static float[] slice(float[] all, int image, int images) {
        int each = all.length / images;
        float[] values = new float[each];
        System.arraycopy(all, image * each, values, 0, each);
        return values;
    }

    /** Signature outputs read besides the task's, split per image the same way; none unless a task needs them. */
    List<String> extraOutputs() {
        return List.of();
    }

    /** One image's part of the task's output and of each {@link #extraOutputs()}, in that order. */
    Prediction read(float[] values, float[][] extras, ModelInput input) {
        return read(values, input);
    }

    /** Turns one image's part of the task's output into the answer for its request. */
    abstract Prediction read(float[] values, ModelInput input);

    /** One output as floats; outputs come back named by signature key, in no fixed order. */
    private static float[] output(NDList outputs, String outputKey) {
        NDArray array = outputs.get(outputKey);
        if (array == null) {
            throw new IllegalStateException("The model has no output '" + outputKey + "'; it has "
                    + outputs.stream().map(NDArray::getName).toList());
        }
        return array.toType(DataType.FLOAT32, false).toFloatArray();
    }
}
