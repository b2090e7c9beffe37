package io.zoolens.importer;

import static io.zoolens.importer.GraphBuilder.ints;
import static io.zoolens.importer.GraphBuilder.shape;
import static io.zoolens.importer.GraphBuilder.string;
import static io.zoolens.importer.GraphBuilder.strings;
import static io.zoolens.importer.GraphBuilder.type;

import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorProto;

/**
 * A TF.js graph model written the way the TF.js converter writes one: Const nodes without values,
 * weights in two manifest groups (the first split over two shards) as float16, uint8-quantized float
 * and int32 standing in for an int64 Const; a {@code FusedDepthwiseConv2dNative} with Relu6; nodes
 * pinned to {@code /device:CPU:0}; no GraphDef version.
 *
 * <pre>
 *   x [1,3,3,2] → depthwise 2×2 VALID + bias → relu6 → reshape [1,8] ("flat") → × scale ("out")
 * </pre>
 */
final class TinyTfjsModel {

    static final long[] INPUT_SHAPE = {1, 3, 3, 2};
    /** Multiples of 1/64 in ±2: exact in float16. */
    static final float[] DEPTHWISE = {0.5f, -0.25f, 1.0f, 0.75f, -0.5f, 0.125f, 0.25f, -1.0f};

    static final float[] BIAS = {0.5f, -1.0f}; // uint8 with scale 0.5, min -1: q = 3, 0
    static final float[] SCALE = {1, 2, 3, 4, 5, 6, 7, 8};

    private TinyTfjsModel() {}

    /** Writes {@code model.json} and shards into {@code dir}; returns the model.json path. */
    static Path write(Path dir, String inputKey, String outputKey) throws IOException {
        return write(dir, inputKey, outputKey, true);
    }

    static Path write(Path dir, String inputKey, String outputKey, boolean withSignature) throws IOException {
        return write(dir, inputKey, outputKey, withSignature, "conv");
    }

    /** With the convolution (a {@code [1,2,2,2]} feature map) named {@code convName}. */
    static Path write(Path dir, String inputKey, String outputKey, boolean withSignature, String convName)
            throws IOException {
        Files.createDirectories(dir);
        GraphDef graph = GraphDef.newBuilder()
                .addNode(NodeDef.newBuilder()
                        .setName("x")
                        .setOp("Placeholder")
                        .putAttr("dtype", type(DataType.DT_FLOAT))
                        .putAttr(
                                "shape",
                                AttrValue.newBuilder()
                                        .setShape(shape(INPUT_SHAPE))
                                        .build()))
                .addNode(emptyConst("dw", DataType.DT_FLOAT, 2, 2, 2, 1))
                .addNode(emptyConst("bias", DataType.DT_FLOAT, 2))
                .addNode(emptyConst("flat_shape", DataType.DT_INT64, 2))
                .addNode(emptyConst("scale", DataType.DT_FLOAT, 8))
                .addNode(NodeDef.newBuilder()
                        .setName(convName)
                        .setOp("FusedDepthwiseConv2dNative")
                        .setDevice("/device:CPU:0")
                        .addInput("x")
                        .addInput("dw")
                        .addInput("bias")
                        .putAttr("T", type(DataType.DT_FLOAT))
                        .putAttr("strides", ints(1, 1, 1, 1))
                        .putAttr("padding", string("VALID"))
                        .putAttr("data_format", string("NHWC"))
                        .putAttr("dilations", ints(1, 1, 1, 1))
                        .putAttr("explicit_paddings", ints())
                        .putAttr("fused_ops", strings("BiasAdd", "Relu6"))
                        .putAttr("num_args", AttrValue.newBuilder().setI(1).build()))
                .addNode(NodeDef.newBuilder()
                        .setName("flat")
                        .setOp("Reshape")
                        .setDevice("/device:CPU:0")
                        .addInput(convName)
                        .addInput("flat_shape")
                        .putAttr("T", type(DataType.DT_FLOAT))
                        .putAttr("Tshape", type(DataType.DT_INT64)))
                .addNode(NodeDef.newBuilder()
                        .setName("out")
                        .setOp("Mul")
                        .addInput("flat")
                        .addInput("scale")
                        .putAttr("T", type(DataType.DT_FLOAT)))
                .build();

        ByteBuffer group1 = ByteBuffer.allocate(18).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : DEPTHWISE) {
            group1.putShort(floatToHalf(v));
        }
        group1.put((byte) 3).put((byte) 0);
        Files.write(dir.resolve("group1-shard1of2.bin"), Arrays.copyOfRange(group1.array(), 0, 5));
        Files.write(dir.resolve("group1-shard2of2.bin"), Arrays.copyOfRange(group1.array(), 5, 18));
        ByteBuffer group2 = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        group2.putInt(1).putInt(8);
        for (float v : SCALE) {
            group2.putFloat(v);
        }
        Files.write(dir.resolve("group2-shard1of1.bin"), group2.array());

        String signature = withSignature ? """
                  ,"signature": {
                    "inputs": {"%s": {"name": "x:0", "dtype": "DT_FLOAT",
                                      "tensorShape": {"dim": [{"size": "1"}, {"size": "3"}, {"size": "3"}, {"size": "2"}]}}},
                    "outputs": {"%s": {"name": "out", "dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "1"}, {"size": "8"}]}},
                                "flat": {"name": "flat", "dtype": "DT_FLOAT", "tensorShape": {"dim": [{"size": "1"}, {"size": "8"}]}}}
                  }""".formatted(inputKey, outputKey) : "";
        String modelJson = """
                {"format": "graph-model", "generatedBy": "TinyTfjsModel", "convertedBy": "Zoolens tests",
                 "modelTopology": %s,
                 "weightsManifest": [
                   {"paths": ["group1-shard1of2.bin", "group1-shard2of2.bin"], "weights": [
                     {"name": "dw", "shape": [2, 2, 2, 1], "dtype": "float32",
                      "quantization": {"dtype": "float16", "original_dtype": "float32"}},
                     {"name": "bias", "shape": [2], "dtype": "float32",
                      "quantization": {"dtype": "uint8", "scale": 0.5, "min": -1.0, "original_dtype": "float32"}}]},
                   {"paths": ["group2-shard1of1.bin"], "weights": [
                     {"name": "flat_shape", "shape": [2], "dtype": "int32"},
                     {"name": "scale", "shape": [8], "dtype": "float32"}]}]
                 %s}
                """.formatted(JsonFormat.printer().print(graph), signature);
        Path file = dir.resolve("model.json");
        Files.writeString(file, modelJson);
        return file;
    }

    /** What the model computes, worked out here: {@code [flat, out]}. */
    static float[][] expected(float[] x) {
        float[] flat = new float[8];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                for (int c = 0; c < 2; c++) {
                    float sum = BIAS[c];
                    for (int di = 0; di < 2; di++) {
                        for (int dj = 0; dj < 2; dj++) {
                            sum += x[((i + di) * 3 + (j + dj)) * 2 + c] * DEPTHWISE[(di * 2 + dj) * 2 + c];
                        }
                    }
                    flat[(i * 2 + j) * 2 + c] = Math.min(6, Math.max(0, sum));
                }
            }
        }
        float[] out = new float[8];
        for (int k = 0; k < 8; k++) {
            out[k] = flat[k] * SCALE[k];
        }
        return new float[][] {flat, out};
    }

    private static NodeDef emptyConst(String name, DataType dtype, long... dims) {
        return NodeDef.newBuilder()
                .setName(name)
                .setOp("Const")
                .setDevice("/device:CPU:0")
                .putAttr("dtype", type(dtype))
                .putAttr(
                        "value",
                        AttrValue.newBuilder()
                                .setTensor(
                                        TensorProto.newBuilder().setDtype(dtype).setTensorShape(shape(dims)))
                                .build())
                .build();
    }

    /** Only for the exactly representable test values above. */
    private static short floatToHalf(float value) {
        int bits = Float.floatToIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xFF) - 127 + 15;
        int mantissa = (bits >>> 13) & 0x3FF;
        return (short) (value == 0 ? sign : sign | (exponent << 10) | mantissa);
    }
}
