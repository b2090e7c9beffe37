package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

/**
 * The one image-decoding path of a Zoolens service. Checks, in this order and before any pixel is decoded:
 * not empty, at most {@code maxBytes}, a format sniffed from the bytes and allowed, a readable header, at
 * most {@code maxPixels} as declared by that header. Then decodes the first frame, refuses truncated or
 * corrupt data, turns the image upright by its EXIF orientation and converts it to {@code TYPE_INT_RGB}.
 *
 * <p>Every refusal is an {@link ImageRejectedException}. Stateless apart from its limits, so one instance
 * serves all threads.
 */
public final class ImageDecoder {

    private final ImageLimits limits;

    /** Fails at once when an allowed format has no ImageIO reader on the class path. */
    public ImageDecoder(ImageLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        limits.allowedFormats().forEach(ReaderSession::requireReader);
    }

    public ImageLimits limits() {
        return limits;
    }

    /**
     * Format and upright size from the header alone, after every check but the pixel decoding; so a
     * truncated body passes here and is only refused by {@link #decode(byte[])}.
     */
    public ImageInfo probe(byte[] bytes) {
        ImageFormat format = checkBytes(bytes);
        try (ReaderSession session = open(format, bytes)) {
            Size size = checkHeader(format, session);
            return info(format, size, ExifOrientation.read(format, bytes));
        }
    }

    /** The upright RGB image, or an {@link ImageRejectedException} saying why not. */
    public DecodedImage decode(byte[] bytes) {
        ImageFormat format = checkBytes(bytes);
        BufferedImage stored = readRgb(format, bytes);
        int orientation = ExifOrientation.read(format, bytes);
        BufferedImage upright = Orientation.upright(stored, orientation);
        return new DecodedImage(upright, new ImageInfo(format, upright.getWidth(), upright.getHeight(), orientation));
    }

    /**
     * The first two checks of {@link #decode(byte[])} for a size known before the bytes are read (a
     * {@code Content-Length}, a multipart part's size), so an oversized upload is refused without being
     * buffered: {@code 0} is {@code EMPTY}, over {@code maxBytes} is {@code TOO_MANY_BYTES}, and a negative
     * count (unknown length) passes.
     */
    public void checkSize(long byteCount) {
        if (byteCount == 0) {
            throw Rejections.empty();
        }
        if (byteCount > limits.maxBytes()) {
            throw Rejections.tooManyBytes(byteCount, limits.maxBytes());
        }
    }

    /**
     * The {@code TOO_MANY_BYTES} refusal for an upload whose size is not known (a container limit cut the request
     * off before it was read): it names the limit, in words and as {@code maxBytes}, like every other refusal.
     */
    public ImageRejectedException oversized() {
        return Rejections.tooManyBytes(limits.maxBytes());
    }

    private ImageFormat checkBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        checkSize(bytes.length);
        return FormatSniffer.sniff(bytes, limits);
    }

    private static ReaderSession open(ImageFormat format, byte[] bytes) {
        try {
            return ReaderSession.open(format, bytes);
        } catch (IOException e) {
            throw Rejections.unreadableHeader(format, e);
        }
    }

    private Size checkHeader(ImageFormat format, ReaderSession session) {
        Size size;
        try {
            size = new Size(session.width(), session.height());
        } catch (IOException | RuntimeException e) {
            // Readers signal garbage in a header with IOExceptions and, now and then, runtime exceptions.
            throw Rejections.unreadableHeader(format, e);
        }
        if (size.width() <= 0 || size.height() <= 0) {
            throw Rejections.unreadableHeader(format, null);
        }
        if ((long) size.width() * size.height() > limits.maxPixels()) {
            throw Rejections.tooManyPixels(size.width(), size.height(), limits.maxPixels());
        }
        return size;
    }

    /** The stored (not yet upright) image in RGB; the reader's own image is garbage once this returns. */
    private BufferedImage readRgb(ImageFormat format, byte[] bytes) {
        try (ReaderSession session = open(format, bytes)) {
            checkHeader(format, session);
            if (format == ImageFormat.WEBP && WebpContainer.isTruncated(bytes)) {
                throw Rejections.corrupt(format, null);
            }
            return RgbConversion.toRgb(readPixels(format, session));
        }
    }

    private static BufferedImage readPixels(ImageFormat format, ReaderSession session) {
        BufferedImage image;
        try {
            image = session.readFirstFrame();
        } catch (IOException | RuntimeException e) {
            throw Rejections.corrupt(format, e);
        }
        if (!session.pixelWarnings().isEmpty()) {
            // Truncated JPEGs decode "successfully" with grey fill; the reader only warns.
            throw Rejections.corrupt(format, new IOException(String.join("; ", session.pixelWarnings())));
        }
        return image;
    }

    private static ImageInfo info(ImageFormat format, Size size, int orientation) {
        return Orientation.swapsAxes(orientation)
                ? new ImageInfo(format, size.height(), size.width(), orientation)
                : new ImageInfo(format, size.width(), size.height(), orientation);
    }

    private record Size(int width, int height) {}
}
