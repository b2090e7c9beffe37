package io.zoolens.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** Looks through a JPEG's marker segments before the image data, without decoding anything. */
final class JpegSegments {

    private static final byte[] ICC_PROFILE = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final int APP2 = 0xE2;
    private static final int START_OF_SCAN = 0xDA;
    private static final int END_OF_IMAGE = 0xD9;

    private JpegSegments() {}

    /**
     * The ICC profile of the APP2 {@code ICC_PROFILE} segments before the first scan, its chunks joined in their
     * sequence order; empty when there is none. Whether the joined bytes are a valid profile is the parser's call.
     */
    static Optional<byte[]> iccProfile(byte[] jpeg) {
        SortedMap<Integer, byte[]> chunks = new TreeMap<>();
        int at = 2; // after SOI
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xFF) == 0xFF) {
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == START_OF_SCAN || marker == END_OF_IMAGE) {
                break;
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            int data = at + 4 + ICC_PROFILE.length + 2; // identifier, then sequence number and chunk count
            int end = Math.min(at + 2 + length, jpeg.length);
            if (marker == APP2 && startsWith(jpeg, at + 4, ICC_PROFILE) && data <= end) {
                chunks.put(jpeg[data - 2] & 0xFF, Arrays.copyOfRange(jpeg, data, end));
            }
            at += 2 + length;
        }
        if (chunks.isEmpty()) {
            return Optional.empty();
        }
        ByteArrayOutputStream profile = new ByteArrayOutputStream();
        chunks.values().forEach(profile::writeBytes);
        return Optional.of(profile.toByteArray());
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
