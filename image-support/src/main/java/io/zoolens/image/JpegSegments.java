package io.zoolens.image;

import java.nio.charset.StandardCharsets;

/** Looks through a JPEG's marker segments before the image data, without decoding anything. */
final class JpegSegments {

    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int APP2 = 0xE2;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;

    private JpegSegments() {}

    /** Whether an APP2 {@code ICC_PROFILE} segment comes before the first scan. */
    static boolean hasIccProfile(byte[] jpeg) {
        int at = 2; // after SOI
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                return false;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            if (marker == APP2 && startsWith(jpeg, at + 4, ICC_PROFILE)) {
                return true;
            }
            at += 2 + length;
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        if (offset + prefix.length > bytes.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
