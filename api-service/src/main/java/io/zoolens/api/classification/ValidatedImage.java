package io.zoolens.api.classification;

import io.zoolens.image.DecodedImage;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.Thumbnails;
import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload that passed the shared image checks (real type sniffed from the bytes, byte and pixel limits,
 * decodable), with its hash and its upright pixels for the thumbnail.
 */
record ValidatedImage(
        byte[] bytes,
        String sha256,
        String contentType,
        int width,
        int height,
        BufferedImage upright,
        int thumbnailEdge) {

    private static final float THUMBNAIL_QUALITY = 0.8f;

    /** Throws {@link io.zoolens.image.ImageRejectedException} for anything that is not an acceptable image. */
    static ValidatedImage of(byte[] bytes, ImageDecoder decoder, int thumbnailEdge) {
        DecodedImage decoded = decoder.decode(bytes);
        return new ValidatedImage(
                bytes,
                sha256(bytes),
                decoded.info().mediaType(),
                decoded.info().width(),
                decoded.info().height(),
                decoded.rgb(),
                thumbnailEdge);
    }

    /** Made only when the store has no thumbnail for these bytes yet, so once per distinct image. */
    byte[] thumbnail() {
        return Thumbnails.jpegThumbnail(upright, thumbnailEdge, THUMBNAIL_QUALITY);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
