package io.zoolens.image;

import io.zoolens.image.ImageRejectedException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one place that words rejections: human sentences with sizes people read, nothing internal. Sizes are in
 * binary units written as {@code KB}/{@code MB}, as Spring's {@code DataSize} reads {@code ZOOLENS_UPLOAD_MAX_BYTES=10MB}.
 */
final class Rejections {

    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long MEGAPIXEL = 1_000_000;

    private Rejections() {}

    static ImageRejectedException empty() {
        return new ImageRejectedException(Reason.EMPTY, "The image is empty (0 bytes).");
    }

    static ImageRejectedException tooManyBytes(long size, long limit) {
        String actual = bytes(size);
        String allowed = bytes(limit);
        if (actual.equals(allowed)) {
            // Just over the limit rounds to the limit itself; exact numbers say what is wrong.
            actual = String.format(Locale.ROOT, "%,d bytes", size);
            allowed = String.format(Locale.ROOT, "%,d bytes (%s)", limit, allowed);
        }
        return new ImageRejectedException(
                Reason.TOO_MANY_BYTES,
                "The image is " + actual + "; at most " + allowed + " are accepted.",
                Map.of("maxBytes", limit),
                null);
    }

    /** Refused before its size was known (a container limit cut the request off). */
    static ImageRejectedException tooManyBytes(long limit) {
        return new ImageRejectedException(
                Reason.TOO_MANY_BYTES,
                "The upload is too large; at most " + bytes(limit) + " are accepted.",
                Map.of("maxBytes", limit),
                null);
    }

    static ImageRejectedException notAnImage(String detectedType, Set<ImageFormat> allowed) {
        String what = detectedType == null ? "The file is not" : "The file looks like " + detectedType + ", not";
        return new ImageRejectedException(
                Reason.UNSUPPORTED, what + " an image in an accepted format (" + names(allowed) + ").");
    }

    static ImageRejectedException notAllowed(ImageFormat format, Set<ImageFormat> allowed) {
        return new ImageRejectedException(
                Reason.UNSUPPORTED,
                format.displayName() + " images are not accepted here; accepted: " + names(allowed) + ".");
    }

    static ImageRejectedException unreadableHeader(ImageFormat format, Throwable cause) {
        return new ImageRejectedException(
                Reason.CORRUPT,
                "The " + format.displayName() + " image is truncated or corrupt: its header cannot be read.",
                cause);
    }

    static ImageRejectedException corrupt(ImageFormat format, Throwable cause) {
        return new ImageRejectedException(
                Reason.CORRUPT,
                "The " + format.displayName() + " image is truncated or corrupt and cannot be decoded.",
                cause);
    }

    static ImageRejectedException tooManyPixels(int width, int height, long limit) {
        long pixels = (long) width * height;
        String actual = pixels < MEGAPIXEL
                ? String.format(Locale.ROOT, "%,d pixels", pixels)
                : String.format(Locale.ROOT, "%,.1f megapixels", (double) pixels / MEGAPIXEL);
        return new ImageRejectedException(
                Reason.TOO_MANY_PIXELS,
                String.format(
                        Locale.ROOT,
                        "The image has %s (%d × %d); at most %s are accepted.",
                        actual,
                        width,
                        height,
                        pixels(limit)),
                Map.of("maxPixels", limit, "pixels", pixels),
                null);
    }

    /** {@code 900 bytes}, {@code 512 KB}, {@code 12.3 MB} (1 KB = 1,024 bytes). */
    static String bytes(long count) {
        if (count < KIB) {
            return count == 1 ? "1 byte" : String.format(Locale.ROOT, "%,d bytes", count);
        }
        return count < MIB ? oneDecimal(count, KIB) + " KB" : oneDecimal(count, MIB) + " MB";
    }

    /** {@code 40 megapixels}, {@code 1.5 megapixels}; below one megapixel {@code 640,000 pixels}. */
    static String pixels(long count) {
        if (count < MEGAPIXEL) {
            return String.format(Locale.ROOT, "%,d pixels", count);
        }
        return oneDecimal(count, MEGAPIXEL) + " megapixels";
    }

    private static String oneDecimal(long count, long unit) {
        double value = (double) count / unit;
        String text = String.format(Locale.ROOT, "%,.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    /** {@code JPEG}, {@code JPEG or PNG}, {@code JPEG, PNG or WebP}. */
    private static String names(Set<ImageFormat> formats) {
        List<String> names = new ArrayList<>();
        formats.forEach(format -> names.add(format.displayName()));
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
