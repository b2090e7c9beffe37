package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The one image-decoding path of a Zoolens service. Checks, in this order and before any pixel is decoded:
 * not empty, at most {@code maxBytes}, a format sniffed from the bytes and allowed, a readable header, at
 * most {@code maxPixels} as declared by that header. Then decodes the first frame, refuses truncated or
 * corrupt data, turns the image upright by its EXIF orientation and converts it to {@code TYPE_INT_RGB}.
 *
 * <p>{@link #decode(byte[], DecodeTarget)} may return fewer pixels when the caller draws the image much smaller:
 * JPEGs are then decoded at 1/2, 1/4 or 1/8 scale by a {@link NativeJpegDecoder} (libjpeg-turbo's DCT scaling)
 * when one is on the class path, their embedded RGB ICC profile applied afterwards on the reduced pixels; otherwise
 * they are decoded in full by ImageIO and box-averaged down to the same size.
 *
 * <p>Every refusal is an {@link ImageRejectedException}. Stateless apart from its limits and the colour
 * conversions of the profiles it has seen, so one instance serves all threads.
 */
public final class ImageDecoder {

    private final ImageLimits limits;
    private final NativeJpegDecoder nativeJpeg;
    private final IccConversion colour = new IccConversion();

    /**
     * With the first {@link NativeJpegDecoder} the {@link ServiceLoader} finds and can start (none when the
     * native library is missing). Fails at once when an allowed format has no ImageIO reader on the class path.
     */
    public ImageDecoder(ImageLimits limits) {
        this(limits, findNativeJpeg());
    }

    /** With this native JPEG decoder, or with ImageIO alone when empty (benchmarks compare the two routes). */
    public ImageDecoder(ImageLimits limits, Optional<NativeJpegDecoder> nativeJpeg) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.nativeJpeg = nativeJpeg.orElse(null);
        limits.allowedFormats().forEach(ReaderSession::requireReader);
    }

    /** The native decoder found on the class path, if any: a provider that cannot start is skipped. */
    public static Optional<NativeJpegDecoder> findNativeJpeg() {
        return NativeCodecs.find(NativeJpegDecoder.class);
    }

    /** The native JPEG decoder in use, if any. */
    public Optional<NativeJpegDecoder> nativeJpeg() {
        return Optional.ofNullable(nativeJpeg);
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

    /** The upright RGB image, every pixel, or an {@link ImageRejectedException} saying why not. */
    public DecodedImage decode(byte[] bytes) {
        return decode(bytes, DecodeTarget.FULL);
    }

    /**
     * The upright RGB image at the smallest scale 1/n (n = 1, 2, 4, 8) that still leaves the target
     * {@link DecodeTarget#MARGIN} pixels per drawn pixel; {@link DecodedImage#info()} keeps the original size, so
     * coordinates found on the reduced pixels can be mapped back. The same checks and refusals as
     * {@link #decode(byte[])}.
     */
    public DecodedImage decode(byte[] bytes, DecodeTarget target) {
        Objects.requireNonNull(target, "target");
        ImageFormat format = checkBytes(bytes);
        int orientation = ExifOrientation.read(format, bytes);
        Stored stored = readRgb(format, bytes, target, orientation);
        BufferedImage upright = Orientation.upright(stored.rgb(), orientation);
        return new DecodedImage(upright, info(format, stored.size(), orientation));
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

    /**
     * The stored (not yet upright) image in RGB at 1/n scale, with its full stored size; the reader's own image
     * is garbage once this returns.
     */
    private Stored readRgb(ImageFormat format, byte[] bytes, DecodeTarget target, int orientation) {
        try (ReaderSession session = open(format, bytes)) {
            Size size = checkHeader(format, session);
            int n = Orientation.swapsAxes(orientation)
                    ? target.denominator(size.height(), size.width())
                    : target.denominator(size.width(), size.height());
            if (format == ImageFormat.JPEG && nativeJpeg != null) {
                // Also at full scale: libjpeg-turbo's SIMD decode is 2–4 times ImageIO's on small photos.
                try {
                    // libjpeg ignores an embedded profile (most phone photos carry one); ImageIO would apply it.
                    UnaryOperator<BufferedImage> toSrgb =
                            JpegSegments.iccProfile(bytes).map(colour::toSrgb).orElse(UnaryOperator.identity());
                    return new Stored(toSrgb.apply(nativeJpeg.decode(bytes, n, size.width(), size.height())), size);
                } catch (IOException | RuntimeException e) {
                    // Decoded again below: ImageIO either reads it (a gray or broken profile, too) or gives the
                    // exact refusal.
                }
            }
            if (format == ImageFormat.WEBP && WebpContainer.isTruncated(bytes)) {
                throw Rejections.corrupt(format, null);
            }
            return new Stored(BoxReduction.reduce(RgbConversion.toRgb(readPixels(format, session)), n), size);
        }
    }

    private record Stored(BufferedImage rgb, Size size) {}

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
