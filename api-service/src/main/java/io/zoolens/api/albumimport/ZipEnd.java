package io.zoolens.api.albumimport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * What a ZIP's end record says about its directory: how many entries, how many bytes. Read before
 * {@link java.util.zip.ZipFile} opens the archive, because {@code ZipFile} reads the whole directory into memory
 * at once: a 2 GiB archive that is nearly all directory would take 2 GiB of heap before any entry count could be
 * checked. ZIP64 end records are followed.
 *
 * @param entries the entry count the archive states
 * @param directoryBytes the directory's size the archive states
 */
record ZipEnd(long entries, long directoryBytes) {

    private static final int END = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int MAX_COMMENT = 0xFFFF;

    /** The end record of {@code archive}, or empty when it has none (then it is no ZIP). */
    static Optional<ZipEnd> of(Path archive) throws IOException {
        try (FileChannel file = FileChannel.open(archive, StandardOpenOption.READ)) {
            long size = file.size();
            int tail = (int) Math.min(size, END_SIZE + MAX_COMMENT);
            ByteBuffer bytes = read(file, size - tail, tail);
            for (int at = tail - END_SIZE; at >= 0; at--) {
                if (bytes.getInt(at) == END && at + END_SIZE + (bytes.getShort(at + 20) & 0xFFFF) == tail) {
                    long entries = bytes.getShort(at + 10) & 0xFFFF;
                    long directory = bytes.getInt(at + 12) & 0xFFFFFFFFL;
                    if (entries == 0xFFFF || directory == 0xFFFFFFFFL) {
                        return zip64(file, size - tail + at);
                    }
                    return Optional.of(new ZipEnd(entries, directory));
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<ZipEnd> zip64(FileChannel file, long endAt) throws IOException {
        if (endAt < 20) {
            return Optional.empty();
        }
        ByteBuffer locator = read(file, endAt - 20, 20);
        if (locator.getInt(0) != ZIP64_LOCATOR) {
            return Optional.empty();
        }
        long at = locator.getLong(8);
        if (at < 0 || at > endAt - 56) {
            return Optional.empty();
        }
        ByteBuffer end = read(file, at, 56);
        if (end.getInt(0) != ZIP64_END) {
            return Optional.empty();
        }
        return Optional.of(new ZipEnd(end.getLong(32), end.getLong(40)));
    }

    private static ByteBuffer read(FileChannel file, long at, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, at + buffer.position()) < 0) {
                throw new IOException("the archive ended early");
            }
        }
        return buffer;
    }
}
