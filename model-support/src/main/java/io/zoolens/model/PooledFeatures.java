package io.zoolens.model;

import static io.zoolens.model.GraphNodes.floatOp;
import static io.zoolens.model.GraphNodes.floatScalar;
import static io.zoolens.model.GraphNodes.int32Const;
import static io.zoolens.model.GraphNodes.int32Scalar;
import static io.zoolens.model.GraphNodes.reduce;
import static io.zoolens.model.GraphNodes.type;

import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;

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
        graph.addNode(int32Const(p + "spatial_axes", List.of(1, 2)));
        graph.addNode(reduce("Mean", p + "mean", featureMap, p + "spatial_axes", false));
        String pooled = p + "mean";
        if (pooling == Pooling.MEAN_MAX) {
            graph.addNode(reduce("Max", p + "max", featureMap, p + "spatial_axes", false));
            graph.addNode(int32Scalar(p + "channel_axis", 1));
            graph.addNode(floatOp("ConcatV2", p + "mean_max", p + "mean", p + "max", p + "channel_axis")
                    .putAttr("N", AttrValue.newBuilder().setI(2).build())
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
        graph.addNode(floatOp("Square", p + "square", vectors));
        graph.addNode(int32Const(p + "vector_axis", List.of(1)));
        graph.addNode(reduce("Sum", p + "sum_squares", p + "square", p + "vector_axis", true));
        graph.addNode(floatScalar(p + "epsilon", EPSILON));
        graph.addNode(floatOp("Maximum", p + "clamped", p + "sum_squares", p + "epsilon"));
        graph.addNode(floatOp("Rsqrt", p + "inverse_norm", p + "clamped"));
        graph.addNode(floatOp("Mul", p + "normalized", vectors, p + "inverse_norm"));
        return p + "normalized";
    }
}
