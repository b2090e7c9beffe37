package io.zoolens.model;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The few GraphDef nodes Zoolens adds to graphs (the importer's batch rewrite, pooled features, composed
 * custom models): operations and constants, with the attributes TensorFlow requires of them.
 */
public final class GraphNodes {

    private GraphNodes() {}

    /** {@code op} on {@code inputs}, its {@code T} attribute {@code dtype}. */
    public static NodeDef.Builder op(String op, String name, DataType dtype, String... inputs) {
        NodeDef.Builder node = NodeDef.newBuilder().setOp(op).setName(name).putAttr("T", type(dtype));
        for (String input : inputs) {
            node.addInput(input);
        }
        return node;
    }

    /** A float input fed at run time. */
    public static NodeDef placeholder(String name) {
        return NodeDef.newBuilder()
                .setName(name)
                .setOp("Placeholder")
                .putAttr("dtype", type(DataType.DT_FLOAT))
                .build();
    }

    /** {@code op} on float {@code inputs}. */
    public static NodeDef.Builder floatOp(String op, String name, String... inputs) {
        return op(op, name, DataType.DT_FLOAT, inputs);
    }

    /** A reduction ({@code Mean}, {@code Max}, {@code Sum} …) of a float tensor over the int32 {@code axes} node. */
    public static NodeDef.Builder reduce(String op, String name, String input, String axes, boolean keepDims) {
        return floatOp(op, name, input, axes)
                .putAttr("Tidx", type(DataType.DT_INT32))
                .putAttr("keep_dims", bool(keepDims));
    }

    /** A 1-D int32 constant. */
    public static NodeDef int32Const(String name, List<Integer> values) {
        return constant(
                name,
                TensorProto.newBuilder()
                        .setDtype(DataType.DT_INT32)
                        .setTensorShape(shape(values.size()))
                        .addAllIntVal(values)
                        .build());
    }

    /** A scalar int32 constant. */
    public static NodeDef int32Scalar(String name, int value) {
        return constant(
                name,
                TensorProto.newBuilder()
                        .setDtype(DataType.DT_INT32)
                        .setTensorShape(TensorShapeProto.getDefaultInstance())
                        .addIntVal(value)
                        .build());
    }

    /** A scalar float constant. */
    public static NodeDef floatScalar(String name, float value) {
        return constant(
                name,
                TensorProto.newBuilder()
                        .setDtype(DataType.DT_FLOAT)
                        .setTensorShape(TensorShapeProto.getDefaultInstance())
                        .addFloatVal(value)
                        .build());
    }

    /** A float constant of {@code shape}, its values row-major (stored as raw little-endian bytes). */
    public static NodeDef floatConst(String name, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return constant(
                name,
                TensorProto.newBuilder()
                        .setDtype(DataType.DT_FLOAT)
                        .setTensorShape(shape(shape))
                        .setTensorContent(ByteString.copyFrom(bytes.array()))
                        .build());
    }

    public static AttrValue type(DataType dtype) {
        return AttrValue.newBuilder().setType(dtype).build();
    }

    public static AttrValue bool(boolean value) {
        return AttrValue.newBuilder().setB(value).build();
    }

    private static NodeDef constant(String name, TensorProto value) {
        return NodeDef.newBuilder()
                .setOp("Const")
                .setName(name)
                .putAttr("dtype", type(value.getDtype()))
                .putAttr("value", AttrValue.newBuilder().setTensor(value).build())
                .build();
    }

    private static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return shape.build();
    }
}
