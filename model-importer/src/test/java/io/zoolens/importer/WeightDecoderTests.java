package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.importer.TfjsModelJson.Quantization;
import io.zoolens.importer.TfjsModelJson.WeightGroup;
import io.zoolens.importer.TfjsModelJson.WeightSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;

/** Each encoding TF.js uses for weights, on bytes written by hand. */
class WeightDecoderTests {

    @TempDir
    Path dir;

    @Test
    void float32IsReadLittleEndian() {
        DecodedWeight weight = decode(
                spec("w", "float32", null, 3),
                bytes(b -> b.putFloat(1.5f).putFloat(-0.25f).putFloat(Float.MAX_VALUE)));

        assertThat(floats(weight.toTensorProto(DataType.DT_FLOAT))).containsExactly(1.5f, -0.25f, Float.MAX_VALUE);
    }

    @Test
    void float16IsWidenedExactlyIncludingSubnormalsInfinitiesAndNaN() {
        short[] halves = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, (short) 0x8000, 0x7C00, (short) 0xFC00, 0x3555, 0x7E00
        };
        DecodedWeight weight =
                decode(spec("w", "float32", new Quantization("float16", null, null, "float32"), 9), bytes(b -> {
                    for (short h : halves) {
                        b.putShort(h);
                    }
                }));

        float[] values = floats(weight.toTensorProto(DataType.DT_FLOAT));
        assertThat(Arrays.copyOf(values, 8))
                .containsExactly(
                        1f,
                        -2f,
                        65504f,
                        0x1p-24f,
                        -0f,
                        Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY,
                        0.333251953125f);
        assertThat(Float.floatToRawIntBits(values[4])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(values[8]).isNaN();
    }

    @Test
    void uint8QuantizedFloatsAreScaledAndShifted() {
        DecodedWeight weight = decode(
                spec("w", "float32", new Quantization("uint8", 0.5, -1.0, "float32"), 3),
                new byte[] {0, 1, (byte) 255});

        assertThat(floats(weight.toTensorProto(DataType.DT_FLOAT))).containsExactly(-1f, -0.5f, 126.5f);
    }

    @Test
    void uint16QuantizedFloatsAreScaledAndShifted() {
        DecodedWeight weight = decode(
                spec("w", "float32", new Quantization("uint16", 0.001, -10.0, "float32"), 2),
                bytes(b -> b.putShort((short) 0).putShort((short) 65535)));

        assertThat(floats(weight.toTensorProto(DataType.DT_FLOAT))).containsExactly(-10f, (float) (65535 * 0.001 - 10));
    }

    @Test
    void quantizedInt32IsRoundedHalfUpLikeJavaScript() {
        DecodedWeight weight =
                decode(spec("w", "int32", new Quantization("uint8", 0.5, -2.0, "int32"), 4), new byte[] {1, 3, 5, 7});

        // -1.5, -0.5, 0.5, 1.5 → Math.round in JavaScript gives -1, -0, 1, 2
        assertThat(ints(weight.toTensorProto(DataType.DT_INT32))).containsExactly(-1, 0, 1, 2);
    }

    @Test
    void int32IsWidenedToTheInt64TheConstNodeDeclares() {
        DecodedWeight weight = decode(
                spec("shape", "int32", null, 3),
                bytes(b -> b.putInt(-1).putInt(7).putInt(Integer.MAX_VALUE)));

        TensorProto tensor = weight.toTensorProto(DataType.DT_INT64);

        assertThat(tensor.getDtype()).isEqualTo(DataType.DT_INT64);
        ByteBuffer content = tensor.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(content.remaining()).isEqualTo(24);
        assertThat(new long[] {content.getLong(), content.getLong(), content.getLong()})
                .containsExactly(-1L, 7L, Integer.MAX_VALUE);
    }

    @Test
    void int32NarrowsToTheUint8ConstItCameFromAndRefusesValuesOutOfRange() {
        DecodedWeight fits = decode(
                spec("lut", "int32", null, 3),
                bytes(b -> b.putInt(0).putInt(128).putInt(255)));
        DecodedWeight tooBig = decode(spec("lut", "int32", null, 1), bytes(b -> b.putInt(256)));

        assertThat(fits.toTensorProto(DataType.DT_UINT8).getTensorContent().toByteArray())
                .containsExactly(0, 128, 255);
        assertThatThrownBy(() -> tooBig.toTensorProto(DataType.DT_UINT8))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("256");
    }

    @Test
    void float32IsWidenedToDoubleWhenTheConstNodeIsDouble() {
        DecodedWeight weight = decode(spec("w", "float32", null, 1), bytes(b -> b.putFloat(0.1f)));

        TensorProto tensor = weight.toTensorProto(DataType.DT_DOUBLE);

        assertThat(tensor.getTensorContent()
                        .asReadOnlyByteBuffer()
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble())
                .isEqualTo((double) 0.1f);
    }

    @Test
    void boolsAndStringsKeepTheirValues() {
        ByteBuffer data = ByteBuffer.wrap(bytes(b -> b.put((byte) 1)
                        .put((byte) 0)
                        .putInt(3)
                        .put("cat".getBytes())
                        .putInt(0)))
                .order(ByteOrder.LITTLE_ENDIAN);

        DecodedWeight flags = WeightDecoder.decode(spec("flags", "bool", null, 2), data);
        DecodedWeight words = WeightDecoder.decode(spec("words", "string", null, 2), data);

        assertThat(flags.toTensorProto(DataType.DT_BOOL).getTensorContent().toByteArray())
                .containsExactly(1, 0);
        assertThat(words.toTensorProto(DataType.DT_STRING).getStringValList())
                .extracting(s -> s.toStringUtf8())
                .containsExactly("cat", "");
        assertThat(data.hasRemaining()).isFalse();
    }

    @Test
    void weightsSpanShardBoundariesInManifestOrder() throws Exception {
        byte[] all = bytes(b -> b.putFloat(1).putFloat(2).putFloat(3).putInt(4).putInt(5));
        Files.write(dir.resolve("group1-shard1of2.bin"), Arrays.copyOfRange(all, 0, 6));
        Files.write(dir.resolve("group1-shard2of2.bin"), Arrays.copyOfRange(all, 6, all.length));
        WeightGroup group = new WeightGroup(
                List.of("group1-shard1of2.bin", "group1-shard2of2.bin"),
                List.of(spec("a", "float32", null, 3), spec("b", "int32", null, 2)));

        List<DecodedWeight> weights = WeightDecoder.decode(dir, List.of(group));

        assertThat(weights).extracting(DecodedWeight::name).containsExactly("a", "b");
        assertThat(floats(weights.get(0).toTensorProto(DataType.DT_FLOAT))).containsExactly(1f, 2f, 3f);
        assertThat(ints(weights.get(1).toTensorProto(DataType.DT_INT32))).containsExactly(4, 5);
    }

    @Test
    void shardsShorterThanTheManifestNameTheIncompleteWeight() throws Exception {
        Files.write(dir.resolve("shard.bin"), new byte[6]);
        WeightGroup group = new WeightGroup(List.of("shard.bin"), List.of(spec("kernel", "float32", null, 2)));

        assertThatThrownBy(() -> WeightDecoder.decode(dir, List.of(group)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("kernel");
    }

    @Test
    void shardsLongerThanTheManifestAreRefused() throws Exception {
        Files.write(dir.resolve("shard.bin"), new byte[12]);
        WeightGroup group = new WeightGroup(List.of("shard.bin"), List.of(spec("kernel", "float32", null, 2)));

        assertThatThrownBy(() -> WeightDecoder.decode(dir, List.of(group)))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("4 bytes more");
    }

    @Test
    void aFloatWeightCannotFillAnIntegerConst() {
        DecodedWeight weight = decode(spec("w", "float32", null, 1), bytes(b -> b.putFloat(1)));

        assertThatThrownBy(() -> weight.toTensorProto(DataType.DT_INT32))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("w is stored as float32");
    }

    @Test
    void unknownQuantizationIsRefused() {
        assertThatThrownBy(() -> decode(spec("w", "float32", new Quantization("int4", 1.0, 0.0, null), 2), new byte[1]))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("int4");
    }

    private static WeightSpec spec(String name, String dtype, Quantization quantization, long count) {
        return new WeightSpec(name, List.of(count), dtype, quantization);
    }

    private static DecodedWeight decode(WeightSpec spec, byte[] data) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        DecodedWeight weight = WeightDecoder.decode(spec, buffer);
        assertThat(buffer.hasRemaining()).as("all bytes consumed").isFalse();
        return weight;
    }

    private static byte[] bytes(java.util.function.Consumer<ByteBuffer> writer) {
        ByteBuffer buffer = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        writer.accept(buffer);
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static float[] floats(TensorProto tensor) {
        var buffer = tensor.getTensorContent()
                .asReadOnlyByteBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    private static int[] ints(TensorProto tensor) {
        var buffer = tensor.getTensorContent()
                .asReadOnlyByteBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer();
        int[] values = new int[buffer.remaining()];
        buffer.get(values);
        return values;
    }
}
