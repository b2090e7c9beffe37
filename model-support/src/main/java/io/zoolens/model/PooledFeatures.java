package io.zoolens.model;

import java.util.List;
import org.tensorflow.proto.framework.AttrValue;
import org.tensorflow.proto.framework.DataType;
import org.tensorflow.proto.framework.GraphDef;
import org.tensorflow.proto.framework.NodeDef;
import org.tensorflow.proto.framework.TensorProto;
import org.tensorflow.proto.framework.TensorShapeProto;

/**
 * Appends to a graph the nodes that turn a convolutional feature map {@code [batch, h, w, c]} into one
 * L2-normalised vector per image: a global average pool ({@code c} values) or average and max pools side
 * by side ({@code 2c}). Used for the backbone's {@code features} output and for custom models composed
 * on top of it (docs/custom-models.md).
 */
public final class PooledFeatures {

    /** How the feature map's spatial cells become one vector. */
    public enum Pooling {
        /** Mean over height and width: {@code c} values. */
        MEAN,
        /** Mean and max over height and width, concatenated: {@code 2c} values. */
        MEAN_MAX
    }

    /** Keeps the norm of an all-zero vector from dividing by zero. */
    static final float EPSILON = 1e-12f;

    private PooledFeatures() {}

    /**
     * The graph with nodes under {@code prefix/} that pool {@code featureMap} and normalise the result;
     * the vector is the float node {@code prefix/normalized}, returned.
     */
    public static String append(GraphDef.Builder graph, String featureMap, Pooling pooling, String prefix) {
        String p = prefix + "/";
        graph.addNode(int32Const(p + "spatial_axes", List.of(1, 2), false));
        graph.addNode(reduce("Mean", p + "mean", featureMap, p + "spatial_axes", false));
        String pooled = p + "mean";
        if (pooling == Pooling.MEAN_MAX) {
            graph.addNode(reduce("Max", p + "max", featureMap, p + "spatial_axes", false));
            graph.addNode(int32Const(p + "channel_axis", List.of(1), true));
            graph.addNode(NodeDef.newBuilder()
                    .setOp("ConcatV2")
                    .setName(p + "mean_max")
                    .addInput(p + "mean")
                    .addInput(p + "max")
                    .addInput(p + "channel_axis")
                    .putAttr("N", AttrValue.newBuilder().setI(2).build())
                    .putAttr("T", floatType())
                    .putAttr("Tidx", type(DataType.DT_INT32)));
            pooled = p + "mean_max";
        }
        return normalise(graph, pooled, prefix);
    }

    /**
     * The graph with nodes under {@code prefix/} that scale each row of {@code vectors} ({@code [batch, d]}) to
     * unit length; the result is the float node {@code prefix/normalized}, returned.
     */
    public static String normalise(GraphDef.Builder graph, String vectors, String prefix) {
        String p = prefix + "/";
        // x / sqrt(max(sum(x²), ε))
        graph.addNode(op("Square", p + "square", vectors));
        graph.addNode(int32Const(p + "vector_axis", List.of(1), false));
        graph.addNode(reduce("Sum", p + "sum_squares", p + "square", p + "vector_axis", true));
        graph.addNode(floatConst(p + "epsilon", EPSILON));
        graph.addNode(op("Maximum", p + "clamped", p + "sum_squares", p + "epsilon"));
        graph.addNode(op("Rsqrt", p + "inverse_norm", p + "clamped"));
        graph.addNode(op("Mul", p + "normalized", vectors, p + "inverse_norm"));
        return p + "normalized";
    }

    private static NodeDef.Builder op(String op, String name, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setOp(op).setName(name).putAttr("T", floatType());
        for (String input : inputs) {
            node.addInput(input);
        }
        return node;
    }

    private static NodeDef.Builder reduce(String op, String name, String input, String axes, boolean keepDims) {
        return op(op, name, input, axes)
                .putAttr("Tidx", type(DataType.DT_INT32))
                .putAttr("keep_dims", AttrValue.newBuilder().setB(keepDims).build());
    }

    private static NodeDef int32Const(String name, List<Integer> values, boolean scalar) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        if (!scalar) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(values.size()));
        }
        TensorProto tensor = TensorProto.newBuilder()
                .setDtype(DataType.DT_INT32)
                .setTensorShape(shape)
                .addAllIntVal(values)
                .build();
        return constant(name, DataType.DT_INT32, tensor);
    }

    private static NodeDef floatConst(String name, float value) {
        TensorProto tensor = TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.getDefaultInstance())
                .addFloatVal(value)
                .build();
        return constant(name, DataType.DT_FLOAT, tensor);
    }

    private static NodeDef constant(String name, DataType dtype, TensorProto value) {
        return NodeDef.newBuilder()
                .setOp("Const")
                .setName(name)
                .putAttr("dtype", type(dtype))
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build())
                .build();
    }

    private static AttrValue floatType() {
        return type(DataType.DT_FLOAT);
    }

    private static AttrValue type(DataType dtype) {
        return AttrValue.newBuilder().setType(dtype).build();
    }
}
