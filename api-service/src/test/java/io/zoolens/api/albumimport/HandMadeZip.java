package io.zoolens.api.albumimport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * ZIP archives written byte by byte, for what {@link java.util.zip.ZipOutputStream} will not write: sizes in the
 * directory that lie, and a deflated entry of gibibytes of zeros made in milliseconds (a flushed megabyte of zeros
 * compresses to the same bytes every time once the window is full of zeros, so it is repeated).
 */
final class HandMadeZip {

    private static final int STORED = 0;
    private static final int DEFLATED = 8;
    private static final int UTF8_NAMES = 0x0800;

    private final List<Entry> entries = new ArrayList<>();

    private record Entry(byte[] name, int flags, int method, byte[] data, long crc, long declaredSize) {}

    HandMadeZip stored(String name, byte[] bytes) {
        return stored(name.getBytes(StandardCharsets.UTF_8), UTF8_NAMES, bytes);
    }

    /** An entry whose name is these bytes, in no declared encoding (what old Windows zippers write in CP437). */
    HandMadeZip storedWithLegacyName(byte[] name, byte[] bytes) {
        return stored(name, 0, bytes);
    }

    private HandMadeZip stored(byte[] name, int flags, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entries.add(new Entry(name, flags, STORED, bytes, crc.getValue(), bytes.length));
        return this;
    }

    /** An entry inflating to {@code mebibytes} MiB of zeros whose directory claims {@code declaredSize} bytes. */
    HandMadeZip zeros(String name, int mebibytes, long declaredSize) {
        entries.add(new Entry(
                name.getBytes(StandardCharsets.UTF_8),
                UTF8_NAMES,
                DEFLATED,
                deflatedZeros(mebibytes),
                0,
                declaredSize));
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Entry entry : entries) {
            offsets.add(out.size());
            byte[] name = entry.name();
            ByteBuffer header = le(30 + name.length)
                    .putInt(0x04034b50)
                    .putShort((short) 20)
                    .putShort((short) entry.flags())
                    .putShort((short) entry.method())
                    .putShort((short) 0)
                    .putShort((short) 0x21)
                    .putInt((int) entry.crc())
                    .putInt(entry.data().length)
                    .putInt((int) entry.declaredSize())
                    .putShort((short) name.length)
                    .putShort((short) 0)
                    .put(name);
            out.writeBytes(header.array());
            out.writeBytes(entry.data());
        }
        int directoryStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            byte[] name = entry.name();
            ByteBuffer header = le(46 + name.length)
                    .putInt(0x02014b50)
                    .putShort((short) 20)
                    .putShort((short) 20)
                    .putShort((short) entry.flags())
                    .putShort((short) entry.method())
                    .putShort((short) 0)
                    .putShort((short) 0x21)
                    .putInt((int) entry.crc())
                    .putInt(entry.data().length)
                    .putInt((int) entry.declaredSize())
                    .putShort((short) name.length)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putShort((short) 0)
                    .putInt(0)
                    .putInt(offsets.get(i))
                    .put(name);
            out.writeBytes(header.array());
        }
        int directorySize = out.size() - directoryStart;
        out.writeBytes(le(22).putInt(0x06054b50)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) entries.size())
                .putShort((short) entries.size())
                .putInt(directorySize)
                .putInt(directoryStart)
                .putShort((short) 0)
                .array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] deflatedZeros(int mebibytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] megabyte = new byte[1024 * 1024];
        byte[] first = flushed(deflater, megabyte);
        byte[] steady = flushed(deflater, megabyte);
        if (!Arrays.equals(steady, flushed(deflater, megabyte))) {
            throw new IllegalStateException("zeros do not compress to the same bytes every time");
        }
        deflater.finish();
        byte[] last = drain(deflater);
        deflater.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        for (int i = 1; i < mebibytes; i++) {
            out.writeBytes(steady);
        }
        out.writeBytes(last);
        return out.toByteArray();
    }

    private static byte[] flushed(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    private static byte[] drain(Deflater deflater) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }
}
