package io.zoolens.importer;

import com.google.protobuf.ByteString;
import io.zoolens.importer.TfjsModelJson.Quantization;
import io.zoolens.importer.TfjsModelJson.WeightGroup;
import io.zoolens.importer.TfjsModelJson.WeightSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TF.js weight shards the way the TF.js runtime does: the shards of a manifest group are one
 * byte stream holding its weights back to back, little-endian, in manifest order, possibly quantized.
 */
public final class WeightDecoder {

    private WeightDecoder() {}

    /** Decodes every weight of every group; shard paths are relative to {@code modelDir}. */
    public static List<DecodedWeight> decode(Path modelDir, List<WeightGroup> manifest) throws IOException {
        List<DecodedWeight> weights = new ArrayList<>();
        for (WeightGroup group : manifest) {
            ByteBuffer data =
                    ByteBuffer.wrap(concatenate(modelDir, group.paths())).order(ByteOrder.LITTLE_ENDIAN);
            for (WeightSpec spec : group.weights()) {
                weights.add(decode(spec, data));
            }
            if (data.hasRemaining()) {
                throw new ImportException("Weight shards " + group.paths() + " hold " + data.remaining()
                        + " bytes more than their manifest describes");
            }
        }
        return weights;
    }

    /** Decodes one weight from the buffer's position and advances past it. */
    static DecodedWeight decode(WeightSpec spec, ByteBuffer data) {
        long[] shape = spec.shape().stream().mapToLong(Long::longValue).toArray();
        int count = Math.toIntExact(spec.elementCount());
        try {
            Quantization quantization = spec.quantization();
            if (quantization != null) {
                return dequantize(spec, shape, count, quantization, data);
            }
            return switch (spec.dtype()) {
                case "float32" -> {
                    float[] values = new float[count];
                    data.asFloatBuffer().get(values);
                    data.position(data.position() + count * 4);
                    yield new DecodedWeight.Floats(spec.name(), shape, values);
                }
                case "int32" -> {
                    int[] values = new int[count];
                    data.asIntBuffer().get(values);
                    data.position(data.position() + count * 4);
                    yield new DecodedWeight.Ints(spec.name(), shape, values);
                }
                case "bool" -> {
                    byte[] values = new byte[count];
                    data.get(values);
                    yield new DecodedWeight.Bools(spec.name(), shape, values);
                }
                case "string" -> new DecodedWeight.Strings(spec.name(), shape, strings(count, data));
                default ->
                    throw new ImportException(
                            "Weight " + spec.name() + " has dtype " + spec.dtype() + ", which is not supported");
            };
        } catch (BufferUnderflowException e) {
            throw new ImportException("Weight shards end before weight " + spec.name() + " is complete", e);
        }
    }

    private static DecodedWeight dequantize(
            WeightSpec spec, long[] shape, int count, Quantization quantization, ByteBuffer data) {
        String name = spec.name();
        switch (quantization.dtype()) {
            case "float16" -> {
                if (!"float32".equals(spec.dtype())) {
                    throw new ImportException("Weight " + name + " is float16-quantized but not float32");
                }
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    values[i] = halfToFloat(data.getShort());
                }
                return new DecodedWeight.Floats(name, shape, values);
            }
            case "uint8", "uint16" -> {
                if (quantization.scale() == null || quantization.min() == null) {
                    throw new ImportException(
                            "Weight " + name + " is " + quantization.dtype() + "-quantized without scale and min");
                }
                boolean bytes = "uint8".equals(quantization.dtype());
                double scale = quantization.scale();
                double min = quantization.min();
                double[] values = new double[count];
                for (int i = 0; i < count; i++) {
                    int q = bytes ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                    values[i] = q * scale + min;
                }
                return switch (spec.dtype()) {
                    case "float32" -> {
                        float[] floats = new float[count];
                        for (int i = 0; i < count; i++) {
                            floats[i] = (float) values[i];
                        }
                        yield new DecodedWeight.Floats(name, shape, floats);
                    }
                    case "int32" -> {
                        int[] ints = new int[count];
                        for (int i = 0; i < count; i++) {
                            // JavaScript's Math.round, like Java's, rounds halves up.
                            ints[i] = (int) Math.round(values[i]);
                        }
                        yield new DecodedWeight.Ints(name, shape, ints);
                    }
                    default ->
                        throw new ImportException("Weight " + name + " of dtype " + spec.dtype() + " cannot be "
                                + quantization.dtype() + "-quantized");
                };
            }
            default ->
                throw new ImportException("Weight " + name + " uses unknown quantization " + quantization.dtype()
                        + "; supported: float16, uint8, uint16");
        }
    }

    /** Each string is a little-endian uint32 byte length followed by its bytes. */
    private static List<ByteString> strings(int count, ByteBuffer data) {
        List<ByteString> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = data.getInt();
            byte[] bytes = new byte[length];
            data.get(bytes);
            values.add(ByteString.copyFrom(bytes));
        }
        return values;
    }

    /** IEEE 754 binary16 to binary32; exact, since every half value is representable as a float. */
    static float halfToFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    private static byte[] concatenate(Path modelDir, List<String> paths) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String path : paths) {
            Path shard = modelDir.resolve(path).normalize();
            if (!shard.startsWith(modelDir.normalize())) {
                throw new ImportException("Weight shard " + path + " lies outside the model folder");
            }
            if (!Files.isRegularFile(shard)) {
                throw new ImportException("Weight shard " + shard + " named in model.json does not exist");
            }
            all.write(Files.readAllBytes(shard));
        }
        return all.toByteArray();
    }
}
