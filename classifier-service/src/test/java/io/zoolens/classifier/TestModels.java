package io.zoolens.classifier;

import io.zoolens.model.PooledFeatures;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Tiny SavedModels with answers a test can work out by hand, written in the Zoolens folder layout:
 * <ul>
 *   <li>{@code colour} (classification): the mean of each RGB channel times ten, softmaxed, so a pure
 *       red picture is "red" with probability e^10 / (e^10 + 2);
 *   <li>{@code colour-nchw}: the same in channels-first layout with ImageNet-style mean/std;
 *   <li>{@code boxes} (detection): three fixed detections in 100×100 input pixels;
 *   <li>{@code mean-rgb} (embedding): the mean of each channel in 0..1;
 *   <li>{@code colour-features} (embedding, written on demand): the mean colour as a unit vector, built by
 *       model-support's {@link PooledFeatures} like the default model's features, so it can be the backbone of
 *       a trained custom model.
 * </ul>
 */
public final class TestModels {

    public static final String COLOUR = "colour";
    public static final String COLOUR_NCHW = "colour-nchw";
    public static final String BOXES = "boxes";
    public static final String MEAN_RGB = "mean-rgb";
    public static final String COLOUR_FEATURES = "colour-features";
    public static final List<String> COLOUR_LABELS = List.of("red", "green", "blue");
    public static final List<String> BOX_LABELS = List.of("person", "cat", "dog");
    /** Rows of {@code [x1, y1, x2, y2, score, class]} in the 100×100 input of {@code boxes}. */
    public static final float[][] BOX_ROWS = {
        {10, 30, 60, 70, 0.9f, 1}, {50, 25, 100, 75, 0.6f, 2}, {0, 0, 100, 100, 0.2f, 0}
    };

    private static final int SIZE = 8;

    private TestModels() {}

    /** Writes all test models (version 1 each) under {@code modelsDir}. */
    public static Path writeAll(Path modelsDir) {
        writeColour(modelsDir.resolve(COLOUR).resolve("1"), false);
        writeColour(modelsDir.resolve(COLOUR_NCHW).resolve("1"), true);
        writeBoxes(modelsDir.resolve(BOXES).resolve("1"));
        writeMeanRgb(modelsDir.resolve(MEAN_RGB).resolve("1"));
        return modelsDir;
    }

    public static void writeColour(Path dir, boolean nchw) {
        writeColour(dir, nchw, 10f);
    }

    /** The colour model with another sharpness, so a second version answers measurably differently. */
    public static void writeColour(Path dir, boolean nchw, float sharpness) {
        long[] shape = nchw ? new long[] {1, 3, SIZE, SIZE} : new long[] {1, SIZE, SIZE, 3};
        int[] axes = nchw ? new int[] {2, 3} : new int[] {1, 2};
        GraphDef graph = GraphDef.newBuilder()
                .addNode(placeholder("image"))
                .addNode(constInt("axes", axes))
                .addNode(op("mean", "Mean", "image", "axes").putAttr("Tidx", type(DataType.DT_INT32)))
                .addNode(constFloat("sharpness", new float[] {sharpness}))
                .addNode(op("logits", "Mul", "mean", "sharpness"))
                .build();
        // In NCHW the test feeds ImageNet mean/std; the graph sees (v - mean) / std. Tests account for it.
        String input = nchw ? """
                  {"tensor": "pixels", "width": 8, "height": 8, "layout": "nchw", "resize": "stretch",
                   "valueRange": [0, 1], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}""" : """
                  {"tensor": "pixels", "width": 8, "height": 8, "layout": "nhwc", "resize": "stretch",
                   "valueRange": [0, 1]}""";
        write(
                dir,
                graph,
                "pixels",
                "image",
                shape,
                Map.of("logits", spec("logits", 1, 3)),
                """
                {"task": "classification", "description": "Dominant colour, a test model",
                 "input": %s,
                 "outputs": {"scores": "logits"}, "labels": "labels.txt",
                 "postprocess": {"activation": "softmax", "defaultTopK": 3},
                 "source": {"origin": "built by the Zoolens tests", "licence": "Apache-2.0"}}
                """.formatted(input),
                COLOUR_LABELS);
    }

    public static void writeBoxes(Path dir) {
        float[] rows = new float[BOX_ROWS.length * 6];
        for (int r = 0; r < BOX_ROWS.length; r++) {
            System.arraycopy(BOX_ROWS[r], 0, rows, r * 6, 6);
        }
        GraphDef graph = GraphDef.newBuilder()
                .addNode(placeholder("image"))
                .addNode(constFloat("rows", rows, 1, BOX_ROWS.length, 6))
                .addNode(NodeDef.newBuilder()
                        .setName("detections")
                        .setOp("Identity")
                        .addInput("rows")
                        .putAttr("T", type(DataType.DT_FLOAT)))
                .build();
        write(
                dir,
                graph,
                "input",
                "image",
                new long[] {1, 100, 100, 3},
                Map.of("detections", spec("detections", 1, BOX_ROWS.length, 6)),
                """
                {"task": "detection", "description": "Fixed boxes, a test model",
                 "input": {"tensor": "input", "width": 100, "height": 100, "layout": "nhwc",
                           "resize": "letterbox", "valueRange": [0, 255]},
                 "outputs": {"detections": "detections"}, "labels": "labels.txt",
                 "postprocess": {"detectionFormat": "x1y1x2y2-score-class", "boxUnits": "input-pixels",
                                 "defaultMinScore": 0.3, "defaultTopK": 5}}
                """,
                BOX_LABELS);
    }

    public static void writeMeanRgb(Path dir) {
        GraphDef graph = GraphDef.newBuilder()
                .addNode(placeholder("image"))
                .addNode(constInt("axes", new int[] {1, 2}))
                .addNode(op("embedding", "Mean", "image", "axes").putAttr("Tidx", type(DataType.DT_INT32)))
                .build();
        write(
                dir,
                graph,
                "pixels",
                "image",
                new long[] {1, SIZE, SIZE, 3},
                Map.of("vector", spec("embedding", 1, 3)),
                """
                {"task": "embedding",
                 "input": {"tensor": "pixels", "width": 8, "height": 8, "layout": "nhwc", "resize": "stretch",
                           "valueRange": [0, 1]},
                 "outputs": {"embedding": "vector"}}
                """,
                null);
    }

    public static void writeColourFeatures(Path dir) {
        GraphDef.Builder graph = GraphDef.newBuilder().addNode(placeholder("image"));
        String features = PooledFeatures.append(graph, "image", PooledFeatures.Pooling.MEAN, "colour");
        write(
                dir,
                graph.build(),
                "pixels",
                "image",
                new long[] {-1, SIZE, SIZE, 3},
                Map.of("features", spec(features, -1, 3)),
                """
                {"task": "embedding", "description": "Mean colour as a unit vector, a test backbone",
                 "input": {"tensor": "pixels", "width": 8, "height": 8, "layout": "nhwc", "resize": "stretch",
                           "valueRange": [0, 1]},
                 "outputs": {"embedding": "features"},
                 "source": {"origin": "built by the Zoolens tests", "licence": "Apache-2.0"}}
                """,
                null);
    }

    private static void write(
            Path dir,
            GraphDef graph,
            String inputKey,
            String inputNode,
            long[] inputShape,
            Map<String, TensorSpec> outputs,
            String metadataJson,
            List<String> labels) {
        try {
            SavedModelWriter.write(
                    graph, Map.of(inputKey, new TensorSpec(inputNode, DataType.DT_FLOAT, inputShape)), outputs, dir);
            if (labels != null) {
                Files.write(dir.resolve("labels.txt"), labels);
            }
            // Metadata last: the service ignores a folder until it is complete.
            Files.writeString(dir.resolve("zoolens-model.json"), metadataJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TensorSpec spec(String node, long... shape) {
        return new TensorSpec(node, DataType.DT_FLOAT, shape);
    }

    private static AttrValue type(DataType dtype) {
        return AttrValue.newBuilder().setType(dtype).build();
    }

    private static NodeDef.Builder placeholder(String name) {
        return NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type(DataType.DT_FLOAT));
    }

    private static NodeDef.Builder op(String name, String op, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setName(name).setOp(op).putAttr("T", type(DataType.DT_FLOAT));
        for (String input : inputs) {
            node.addInput(input);
        }
        return node;
    }

    private static NodeDef.Builder constInt(String name, int[] values) {
        TensorProto.Builder tensor =
                TensorProto.newBuilder().setDtype(DataType.DT_INT32).setTensorShape(shape(values.length));
        for (int v : values) {
            tensor.addIntVal(v);
        }
        return constant(name, DataType.DT_INT32, tensor);
    }

    private static NodeDef.Builder constFloat(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(shape(dims.length == 0 ? new long[0] : dims))
                .setTensorContent(com.google.protobuf.ByteString.copyFrom(bytes.array()));
        return constant(name, DataType.DT_FLOAT, tensor);
    }

    private static NodeDef.Builder constant(String name, DataType dtype, TensorProto.Builder tensor) {
        return NodeDef.newBuilder()
                .setName(name)
                .setOp("Const")
                .putAttr("dtype", type(dtype))
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build());
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return shape.build();
    }

    private static TensorShapeProto shape(int length) {
        return shape(new long[] {length});
    }
}
