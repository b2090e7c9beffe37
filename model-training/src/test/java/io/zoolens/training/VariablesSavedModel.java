package io.zoolens.training;

import io.zoolens.model.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small feature extractor saved as Keras saves one, weights in {@code variables/}, built and exported by
 * TensorFlow's own Java API: pixels in 0..255 rescaled to −1..1 inside the graph (as Keras MobileNetV3 and
 * EfficientNet do), two 3×3 convolutions (8, then 16 channels) whose
 * kernels and bias are variables ({@code VariableV2}: the only kind TensorFlow Java 0.5's exporter checkpoints), ReLUs, and a global average pool. The variables get seeded
 * Gaussian values through placeholders, so those values are in the checkpoint and nowhere in the graph.
 */
public final class VariablesSavedModel {

    public static final int SIZE = 32;
    public static final int DIMENSION = 16;
    public static final String INPUT = "images";
    public static final String OUTPUT = "embedding";

    /** The values the variables were given, by variable name. */
    public record Weights(float[] kernel1, float[] bias1, float[] kernel2) {}

    private VariablesSavedModel() {}

    /** Writes the SavedModel and a {@code zoolens-model.json} of task embedding into {@code dir}. */
    public static Weights write(Path dir, String name, String version, long seed) throws Exception {
        Random random = new Random(seed);
        Weights weights = new Weights(
                gaussian(random, 3 * 3 * 3 * 8, 0.3),
                gaussian(random, 8, 0.1),
                gaussian(random, 3 * 3 * 8 * DIMENSION, 0.2));
        ai.djl.engine.Engine.getEngine("TensorFlow"); // loads the natives TensorFlow's Java API runs on
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> images =
                    tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
            Operand<TFloat32> scaled = tf.math.sub(tf.math.mul(images, tf.constant(1f / 127.5f)), tf.constant(1f));

            // TF1 reference variables: TensorFlow Java 0.5's exporter saves only these (VarHandleOp resources are
            // left out of its checkpoint), so the test model cannot hold Keras's resource variables.
            Variable<TFloat32> kernel1 =
                    tf.withSubScope("conv1").withName("kernel").variable(Shape.of(3, 3, 3, 8), TFloat32.class);
            Variable<TFloat32> bias1 = tf.withSubScope("conv1").withName("bias").variable(Shape.of(8), TFloat32.class);
            Variable<TFloat32> kernel2 =
                    tf.withSubScope("conv2").withName("kernel").variable(Shape.of(3, 3, 8, DIMENSION), TFloat32.class);
            Placeholder<TFloat32> kernel1Value =
                    tf.withSubScope("init").withName("conv1_kernel").placeholder(TFloat32.class);
            Placeholder<TFloat32> bias1Value =
                    tf.withSubScope("init").withName("conv1_bias").placeholder(TFloat32.class);
            Placeholder<TFloat32> kernel2Value =
                    tf.withSubScope("init").withName("conv2_kernel").placeholder(TFloat32.class);
            var assignKernel1 = tf.assign(kernel1, kernel1Value);
            var assignBias1 = tf.assign(bias1, bias1Value);
            var assignKernel2 = tf.assign(kernel2, kernel2Value);

            Operand<TFloat32> conv1 =
                    tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(scaled, kernel1, List.of(1L, 2L, 2L, 1L), "SAME"), bias1));
            Operand<TFloat32> conv2 = tf.nn.relu(tf.nn.conv2d(conv1, kernel2, List.of(1L, 2L, 2L, 1L), "SAME"));
            Operand<TFloat32> pooled = tf.withSubScope("global_average_pooling2d")
                    .withName("Mean")
                    .math
                    .mean(conv2, tf.constant(new int[] {1, 2}));

            try (Session session = new Session(graph);
                    TFloat32 k1 = tensor(weights.kernel1(), 3, 3, 3, 8);
                    TFloat32 b1 = tensor(weights.bias1(), 8);
                    TFloat32 k2 = tensor(weights.kernel2(), 3, 3, 8, DIMENSION)) {
                session.runner()
                        .feed(kernel1Value, k1)
                        .feed(bias1Value, b1)
                        .feed(kernel2Value, k2)
                        .addTarget(assignKernel1)
                        .addTarget(assignBias1)
                        .addTarget(assignKernel2)
                        .run();
                SavedModelBundle.exporter(dir.toString())
                        .withSession(session)
                        .withSignature(Signature.builder()
                                .key("serving_default")
                                .input(INPUT, images)
                                .output(OUTPUT, pooled)
                                .build())
                        .export();
            }
        }
        ModelMetadata metadata = new ModelMetadata(
                name,
                version,
                ModelMetadata.Task.EMBEDDING,
                "A tiny convolutional feature extractor with its weights in variables/",
                new ModelMetadata.Input(
                        INPUT,
                        SIZE,
                        SIZE,
                        ModelMetadata.Layout.NHWC,
                        ModelMetadata.Resize.STRETCH,
                        List.of(0f, 255f),
                        List.of(0f),
                        List.of(1f)),
                new ModelMetadata.Outputs(null, null, OUTPUT),
                null,
                null,
                null);
        JsonMapper.builder()
                .build()
                .writeValue(dir.resolve("zoolens-model.json").toFile(), metadata);
        return weights;
    }

    private static float[] gaussian(Random random, int n, double scale) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * scale);
        }
        return values;
    }

    private static TFloat32 tensor(float[] values, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }
}
