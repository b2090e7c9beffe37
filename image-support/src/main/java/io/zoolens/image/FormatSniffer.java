package io.zoolens.image;

import com.drew.imaging.FileType;
import com.drew.imaging.FileTypeDetector;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/** Tells the real format from the leading bytes; names and declared content types are never consulted. */
final class FormatSniffer {

    private FormatSniffer() {}

    /** The allowed format these bytes are in, or an {@code UNSUPPORTED} rejection. */
    static ImageFormat sniff(byte[] bytes, ImageLimits limits) {
        FileType type = detect(bytes);
        ImageFormat format = switch (type) {
            case Jpeg -> ImageFormat.JPEG;
            case Png -> ImageFormat.PNG;
            case Gif -> ImageFormat.GIF;
            // The detector also takes OS/2 bitmaps ("BA", "IC", "PT"...), which no reader here decodes.
            case Bmp -> bytes.length > 1 && bytes[0] == 'B' && bytes[1] == 'M' ? ImageFormat.BMP : null;
            case WebP -> ImageFormat.WEBP;
            default -> null;
        };
        if (format == null) {
            boolean known = type != FileType.Unknown && type != FileType.Bmp;
            throw Rejections.notAnImage(known ? type.getName() : null, limits.allowedFormats());
        }
        if (!limits.allows(format)) {
            throw Rejections.notAllowed(format, limits.allowedFormats());
        }
        return format;
    }

    private static FileType detect(byte[] bytes) {
        try {
            return FileTypeDetector.detectFileType(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            // Only thrown for streams without mark/reset, which a ByteArrayInputStream has.
            throw new IllegalStateException(e);
        }
    }
}
