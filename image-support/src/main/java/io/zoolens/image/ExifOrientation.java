package io.zoolens.image;

import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.imaging.png.PngChunk;
import com.drew.imaging.png.PngChunkReader;
import com.drew.imaging.png.PngChunkType;
import com.drew.imaging.webp.WebpMetadataReader;
import com.drew.lang.ByteArrayReader;
import com.drew.lang.StreamReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** Reads the EXIF orientation tag (0x0112) with metadata-extractor; 1 (upright) when there is none. */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private ExifOrientation() {}

    static int read(ImageFormat format, byte[] bytes) {
        try {
            Metadata metadata = switch (format) {
                // Only the Exif segment reader: the other segments are not needed here.
                case JPEG ->
                    JpegMetadataReader.readMetadata(new ByteArrayInputStream(bytes), List.of(new ExifReader()));
                case PNG -> pngExif(bytes);
                case WEBP -> WebpMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
                case GIF, BMP -> null;
            };
            return metadata == null ? UPRIGHT : orientation(metadata);
        } catch (IOException | ImageProcessingException | RuntimeException e) {
            // Broken metadata does not make broken pixels: the pixel decoder judges those.
            return UPRIGHT;
        }
    }

    /** Only the eXIf chunk: text chunks may be compressed, and inflating them is not worth the risk. */
    private static Metadata pngExif(byte[] bytes) throws IOException, ImageProcessingException {
        Metadata metadata = new Metadata();
        Iterable<PngChunk> chunks = new PngChunkReader()
                .extract(new StreamReader(new ByteArrayInputStream(bytes)), Set.of(PngChunkType.eXIf));
        for (PngChunk chunk : chunks) {
            new ExifReader().extract(new ByteArrayReader(chunk.getBytes()), metadata);
        }
        return metadata;
    }

    private static int orientation(Metadata metadata) {
        for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            Integer value = directory.getInteger(ExifIFD0Directory.TAG_ORIENTATION);
            if (value != null) {
                return value >= 1 && value <= 8 ? value : UPRIGHT;
            }
        }
        return UPRIGHT;
    }
}
