package io.zoolens.image;

/**
 * The RIFF container around WebP data declares its own length. libwebp refuses a file shorter than that
 * (NOT_ENOUGH_DATA), while TwelveMonkeys' decoders may run past the end without complaint; this check
 * refuses it the way libwebp does.
 */
final class WebpContainer {

    private static final int RIFF_HEADER_LENGTH = 8;

    private WebpContainer() {}

    static boolean isTruncated(byte[] bytes) {
        if (bytes.length < RIFF_HEADER_LENGTH + 4) {
            return true;
        }
        long declared =
                (bytes[4] & 0xffL) | (bytes[5] & 0xffL) << 8 | (bytes[6] & 0xffL) << 16 | (bytes[7] & 0xffL) << 24;
        return bytes.length < declared + RIFF_HEADER_LENGTH;
    }
}
