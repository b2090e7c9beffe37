package io.zoolens.api.classification;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload that passed the shared image checks (real type sniffed from the bytes, byte and pixel limits,
 * decodable), made by {@link UploadDecoding}: the original bytes and hash, the original's upright size, and the
 * small images made from its one decode. No full-size pixels: those are garbage once this exists.
 *
 * @param thumbnail the JPEG thumbnail, stored unless the same bytes were stored before
 * @param modelInput what the classifier is sent
 */
record ValidatedImage(
        byte[] bytes,
        String sha256,
        String contentType,
        int width,
        int height,
        byte[] thumbnail,
        ModelInput modelInput) {

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
