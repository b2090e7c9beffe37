package io.zoolens.importer;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * A weight as TF.js holds it after dequantization (float32, int32, bool or string values), turned into
 * a TensorProto of whatever dtype its Const node declares. TF.js narrows int64 to int32 and float64
 * to float32 when converting, so the Const node may ask for a wider type than the values have.
 */
public sealed interface DecodedWeight {

    String name();

    long[] shape();

    /** The Const node's value, little-endian in {@code tensor_content} as TensorFlow expects. */
    TensorProto toTensorProto(DataType dtype);

    record Floats(String name, long[] shape, float[] values) implements DecodedWeight {
        @Override
        public TensorProto toTensorProto(DataType dtype) {
            return switch (dtype) {
                case DT_FLOAT -> tensor(dtype, shape, content(values.length, 4, (b, i) -> b.putFloat(values[i])));
                case DT_DOUBLE -> tensor(dtype, shape, content(values.length, 8, (b, i) -> b.putDouble(values[i])));
                default -> throw mismatch(name, "float32", dtype);
            };
        }
    }

    record Ints(String name, long[] shape, int[] values) implements DecodedWeight {
        @Override
        public TensorProto toTensorProto(DataType dtype) {
            return switch (dtype) {
                case DT_INT32 -> integers(dtype, 4, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case DT_INT64 -> integers(dtype, 8, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case DT_INT16 -> integers(dtype, 2, Short.MIN_VALUE, Short.MAX_VALUE);
                case DT_UINT16 -> integers(dtype, 2, 0, 0xFFFF);
                case DT_INT8 -> integers(dtype, 1, Byte.MIN_VALUE, Byte.MAX_VALUE);
                case DT_UINT8 -> integers(dtype, 1, 0, 0xFF);
                default -> throw mismatch(name, "int32", dtype);
            };
        }

        /** The low {@code width} bytes of the sign-extended value: little-endian two's complement at any width. */
        private TensorProto integers(DataType dtype, int width, long min, long max) {
            ByteBuffer buffer = ByteBuffer.allocate(Math.multiplyExact(values.length, width));
            for (int value : values) {
                if (value < min || value > max) {
                    throw new ImportException("Weight " + name + " holds " + value + ", out of range for " + dtype);
                }
                for (int k = 0; k < width; k++) {
                    buffer.put((byte) ((long) value >>> (8 * k)));
                }
            }
            return tensor(dtype, shape, ByteString.copyFrom(buffer.array()));
        }
    }

    record Bools(String name, long[] shape, byte[] values) implements DecodedWeight {
        @Override
        public TensorProto toTensorProto(DataType dtype) {
            if (dtype != DataType.DT_BOOL) {
                throw mismatch(name, "bool", dtype);
            }
            return tensor(dtype, shape, content(values.length, 1, (b, i) -> b.put(values[i] != 0 ? (byte) 1 : 0)));
        }
    }

    record Strings(String name, long[] shape, List<ByteString> values) implements DecodedWeight {
        @Override
        public TensorProto toTensorProto(DataType dtype) {
            if (dtype != DataType.DT_STRING) {
                throw mismatch(name, "string", dtype);
            }
            return TensorProto.newBuilder()
                    .setDtype(dtype)
                    .setTensorShape(shapeProto(shape))
                    .addAllStringVal(values)
                    .build();
        }
    }

    private static TensorProto tensor(DataType dtype, long[] shape, ByteString content) {
        return TensorProto.newBuilder()
                .setDtype(dtype)
                .setTensorShape(shapeProto(shape))
                .setTensorContent(content)
                .build();
    }

    private static TensorShapeProto shapeProto(long[] shape) {
        TensorShapeProto.Builder proto = TensorShapeProto.newBuilder();
        for (long dim : shape) {
            proto.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return proto.build();
    }

    /** Writes one element at a time into a little-endian buffer of {@code count * width} bytes. */
    private static ByteString content(int count, int width, ElementWriter writer) {
        ByteBuffer buffer =
                ByteBuffer.allocate(Math.multiplyExact(count, width)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            writer.write(buffer, i);
        }
        return ByteString.copyFrom(buffer.array());
    }

    private static ImportException mismatch(String name, String stored, DataType wanted) {
        return new ImportException(
                "Weight " + name + " is stored as " + stored + " but its Const node is " + wanted + "; cannot convert");
    }

    @FunctionalInterface
    interface ElementWriter {
        void write(ByteBuffer buffer, int index);
    }
}
