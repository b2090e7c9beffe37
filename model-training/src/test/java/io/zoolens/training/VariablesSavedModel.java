package io.zoolens.training;

import io.zoolens.model.ModelMetadata;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
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
        writeMetadata(dir, name, version);
        return weights;
    }

    private static void writeMetadata(Path dir, String name, String version) throws Exception {
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
    }

    /**
     * The same model with resource variables, as Keras makes them ({@code VarHandleOp} with its shared name, read
     * by {@code ReadVariableOp}), and a saver of its own ({@code SaveV2}, and {@code RestoreV2} into
     * {@code AssignVariableOp}s), since TensorFlow Java's exporter would not checkpoint them: the SavedModel is
     * written as TF1's {@code simple_save} writes one (graph, saver, {@code serve} tag, signature), the checkpoint
     * by TensorFlow's own {@code SaveV2} kernel.
     */
    public static Weights writeWithResourceVariables(Path dir, String name, String version, long seed)
            throws Exception {
        Random random = new Random(seed);
        Weights weights = new Weights(
                gaussian(random, 3 * 3 * 3 * 8, 0.3),
                gaussian(random, 8, 0.1),
                gaussian(random, 3 * 3 * 8 * DIMENSION, 0.2));
        ai.djl.engine.Engine.getEngine("TensorFlow");
        List<String> names = List.of("conv1/kernel", "conv1/bias", "conv2/kernel");
        List<Shape> shapes = List.of(Shape.of(3, 3, 3, 8), Shape.of(8), Shape.of(3, 3, 8, DIMENSION));
        List<float[]> values = List.of(weights.kernel1(), weights.bias1(), weights.kernel2());
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> images =
                    tf.withName(INPUT).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 3)));
            Operand<TFloat32> scaled = tf.math.sub(tf.math.mul(images, tf.constant(1f / 127.5f)), tf.constant(1f));
            List<VarHandleOp> handles = new ArrayList<>();
            List<Operand<TFloat32>> reads = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String[] scopeAndName = names.get(i).split("/");
                VarHandleOp handle = tf.withSubScope(scopeAndName[0])
                        .withName(scopeAndName[1])
                        .varHandleOp(TFloat32.class, shapes.get(i), VarHandleOp.sharedName(names.get(i)));
                handles.add(handle);
                reads.add(tf.withSubScope(scopeAndName[0])
                        .withName("ReadVariableOp_" + scopeAndName[1])
                        .readVariableOp(handle, TFloat32.class));
            }
            Operand<TFloat32> conv1 = tf.nn.relu(
                    tf.nn.biasAdd(tf.nn.conv2d(scaled, reads.get(0), List.of(1L, 2L, 2L, 1L), "SAME"), reads.get(1)));
            Operand<TFloat32> conv2 = tf.nn.relu(tf.nn.conv2d(conv1, reads.get(2), List.of(1L, 2L, 2L, 1L), "SAME"));
            Operand<TFloat32> pooled = tf.withSubScope("global_average_pooling2d")
                    .withName("Mean")
                    .math
                    .mean(conv2, tf.constant(new int[] {1, 2}));

            List<Placeholder<TFloat32>> initValues = new ArrayList<>();
            List<Op> assigns = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                Placeholder<TFloat32> value =
                        tf.withSubScope("init").withName("value_" + i).placeholder(TFloat32.class);
                initValues.add(value);
                assigns.add(tf.assignVariableOp(handles.get(i), value));
            }
            Ops save = tf.withSubScope("save");
            Placeholder<TString> prefix = save.withName("Const").placeholder(TString.class);
            Operand<TString> keys = save.constant(StandardCharsets.UTF_8, names.toArray(String[]::new));
            Operand<TString> slices = save.constant(StandardCharsets.UTF_8, new String[] {"", "", ""});
            Op saveOp = save.withName("SaveV2").train.save(prefix, keys, slices, List.copyOf(reads));
            Restore restored = save.withName("RestoreV2")
                    .train
                    .restore(prefix, keys, slices, List.of(TFloat32.class, TFloat32.class, TFloat32.class));
            List<Op> restores = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                restores.add(save.withName("AssignVariableOp_" + i)
                        .assignVariableOp(handles.get(i), restored.tensors().get(i)));
            }
            Op restoreAll = save.withControlDependencies(restores)
                    .withName("restore_all")
                    .noOp();

            Path variables = Files.createDirectories(dir.resolve("variables"));
            try (Session session = new Session(graph);
                    TFloat32 k1 = tensor(values.get(0), 3, 3, 3, 8);
                    TFloat32 b1 = tensor(values.get(1), 8);
                    TFloat32 k2 = tensor(values.get(2), 3, 3, 8, DIMENSION);
                    TString path =
                            TString.scalarOf(variables.resolve("variables").toString())) {
                Session.Runner runner = session.runner()
                        .feed(initValues.get(0), k1)
                        .feed(initValues.get(1), b1)
                        .feed(initValues.get(2), k2);
                assigns.forEach(runner::addTarget);
                runner.run();
                session.runner().feed(prefix, path).addTarget(saveOp).run();
            }
            SignatureDef signature = SignatureDef.newBuilder()
                    .setMethodName("tensorflow/serving/predict")
                    .putInputs(INPUT, info(images.op().name(), -1, SIZE, SIZE, 3))
                    .putOutputs(OUTPUT, info(pooled.op().name(), -1, DIMENSION))
                    .build();
            MetaGraphDef metaGraph = MetaGraphDef.newBuilder()
                    .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
                    .setGraphDef(graph.toGraphDef())
                    .setSaverDef(SaverDef.newBuilder()
                            .setFilenameTensorName(prefix.op().name() + ":0")
                            .setSaveTensorName(saveOp.op().name())
                            .setRestoreOpName(restoreAll.op().name())
                            .setVersion(SaverDef.CheckpointFormatVersion.V2))
                    .putSignatureDef("serving_default", signature)
                    .build();
            try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
                SavedModel.newBuilder()
                        .setSavedModelSchemaVersion(1)
                        .addMetaGraphs(metaGraph)
                        .build()
                        .writeTo(out);
            }
        }
        writeMetadata(dir, name, version);
        return weights;
    }

    private static TensorInfo info(String node, long... shape) {
        TensorShapeProto.Builder proto = TensorShapeProto.newBuilder();
        for (long dim : shape) {
            proto.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return TensorInfo.newBuilder()
                .setName(node + ":0")
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(proto)
                .build();
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
