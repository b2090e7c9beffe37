package io.zoolens.importer;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/** Hand-made float graphs for the importer tests. */
final class GraphBuilder {

    private final GraphDef.Builder graph = GraphDef.newBuilder();

    GraphBuilder placeholder(String name) {
        graph.addNode(
                NodeDef.newBuilder().setName(name).setOp("Placeholder").putAttr("dtype", type(DataType.DT_FLOAT)));
        return this;
    }

    GraphBuilder constant(String name, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        TensorProto tensor = TensorProto.newBuilder()
                .setDtype(DataType.DT_FLOAT)
                .setTensorShape(shape(shape))
                .setTensorContent(ByteString.copyFrom(bytes.array()))
                .build();
        graph.addNode(NodeDef.newBuilder()
                .setName(name)
                .setOp("Const")
                .putAttr("dtype", type(DataType.DT_FLOAT))
                .putAttr("value", AttrValue.newBuilder().setTensor(tensor).build()));
        return this;
    }

    GraphBuilder node(NodeDef.Builder node) {
        graph.addNode(node);
        return this;
    }

    GraphDef build() {
        return graph.build();
    }

    /** A float node with the given op and inputs. */
    static NodeDef.Builder op(String name, String op, String... inputs) {
        return NodeDef.newBuilder()
                .setName(name)
                .setOp(op)
                .addAllInput(List.of(inputs))
                .putAttr("T", type(DataType.DT_FLOAT));
    }

    static AttrValue type(DataType dtype) {
        return AttrValue.newBuilder().setType(dtype).build();
    }

    static AttrValue ints(long... values) {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        for (long v : values) {
            list.addI(v);
        }
        return AttrValue.newBuilder().setList(list).build();
    }

    static AttrValue strings(String... values) {
        AttrValue.ListValue.Builder list = AttrValue.ListValue.newBuilder();
        for (String v : values) {
            list.addS(ByteString.copyFromUtf8(v));
        }
        return AttrValue.newBuilder().setList(list).build();
    }

    static AttrValue string(String value) {
        return AttrValue.newBuilder().setS(ByteString.copyFromUtf8(value)).build();
    }

    static TensorShapeProto shape(long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return shape.build();
    }
}
