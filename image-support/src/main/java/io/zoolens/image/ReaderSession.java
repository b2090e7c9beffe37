package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * One ImageIO reader over one image's bytes: the header first, then (maybe) the pixels of the first
 * frame; closing disposes the reader. Memory-cached streams only, whatever {@code ImageIO.getUseCache()}
 * says, so nothing is written to disk. Not thread-safe; one session per decode.
 */
final class ReaderSession implements AutoCloseable {

    /**
     * Warnings about metadata the decoder does not use (colour profiles, Exif, thumbnails, application
     * segments, unknown chunks); the pixels are intact. Every other warning means damaged pixel data.
     */
    private static final List<String> METADATA_WARNINGS = List.of(
            "icc",
            "color profile",
            "exif",
            "thumbnail",
            "jfif",
            "bogus app",
            "adobe app14",
            "ignoring unsupported chunk",
            "ignoring unexpected chunk");

    private final ImageReader reader;
    private final ImageInputStream input;
    private final List<String> pixelWarnings = new ArrayList<>();

    private ReaderSession(ImageReader reader, ImageInputStream input) {
        this.reader = reader;
        this.input = input;
    }

    /** A session on the bytes; an IOException when the reader cannot even take them as input. */
    static ReaderSession open(ImageFormat format, byte[] bytes) throws IOException {
        ImageReader reader = newReader(format);
        ImageInputStream input = new EndBoundedInputStream(bytes);
        ReaderSession session = new ReaderSession(reader, input);
        reader.addIIOReadWarningListener(session.warningCollector());
        try {
            // Forward-only and no metadata: the readers then skip text chunks instead of inflating them.
            reader.setInput(input, true, true);
        } catch (RuntimeException e) {
            // TwelveMonkeys' JPEG reader starts parsing here and wraps what it cannot read.
            session.close();
            throw new IOException("Reader refused the input", e);
        }
        return session;
    }

    /** Fails when no ImageIO reader for the format is on the class path (a packaging error, not bad input). */
    static void requireReader(ImageFormat format) {
        if (!ImageIO.getImageReadersByMIMEType(format.mediaType()).hasNext()) {
            // Plugins in jars the ImageIO registry did not see when it started (nested or late class loaders).
            ImageIO.scanForPlugins();
        }
        if (!ImageIO.getImageReadersByMIMEType(format.mediaType()).hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format.mediaType() + " on the class path");
        }
    }

    private static ImageReader newReader(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format.mediaType() + " on the class path");
        }
        // The registry orders TwelveMonkeys' JPEG reader (CMYK, broken ICC profiles) before the JDK's own.
        return readers.next();
    }

    /**
     * Fails the decode once a reader keeps reading well past the end of the data. Some decoders (TwelveMonkeys'
     * lossless WebP) catch the end-of-file exception per bit and carry on with garbage: 64 bytes could then keep
     * a core busy for minutes. A valid file is read at most a few bytes beyond its end. The failure is unchecked,
     * so the decoder's own I/O error handling cannot swallow it; the decoder turns it into "corrupt".
     */
    private static final class EndBoundedInputStream extends MemoryCacheImageInputStream {

        private static final int READS_PAST_END_ALLOWED = 1024;
        private int readsPastEnd;

        EndBoundedInputStream(byte[] bytes) {
            super(new ByteArrayInputStream(bytes));
        }

        @Override
        public int read() throws IOException {
            return counted(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(super.read(b, off, len));
        }

        private int counted(int result) {
            if (result < 0 && ++readsPastEnd > READS_PAST_END_ALLOWED) {
                throw new IllegalStateException("the decoder kept reading past the end of the image data");
            }
            return result;
        }
    }

    int width() throws IOException {
        return reader.getWidth(0);
    }

    int height() throws IOException {
        return reader.getHeight(0);
    }

    /** The first frame's pixels as the reader produces them. */
    BufferedImage readFirstFrame() throws IOException {
        return reader.read(0, reader.getDefaultReadParam());
    }

    /** Warnings the reader raised about the pixel data; readers report truncation this way, not by failing. */
    List<String> pixelWarnings() {
        return List.copyOf(pixelWarnings);
    }

    private IIOReadWarningListener warningCollector() {
        return (source, warning) -> {
            String message = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (METADATA_WARNINGS.stream().noneMatch(message::contains)) {
                pixelWarnings.add(warning);
            }
        };
    }

    @Override
    public void close() {
        reader.dispose();
        try {
            input.close();
        } catch (IOException e) {
            // A memory-backed stream has nothing to release that could fail.
        }
    }
}
