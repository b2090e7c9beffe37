package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.zoolens.image.ImageRejectedException.Reason;
import io.zoolens.image.testing.TestImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Truncated and damaged images are refused as CORRUPT instead of being decoded with grey or black fill. */
class ImageDecoderCorruptionTests {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    @ParameterizedTest(name = "keeping {0} of the bytes")
    @ValueSource(doubles = {0.3, 0.6, 0.9, 0.99})
    void truncatedJpegIsRefusedAsCorrupt(double keep) {
        byte[] jpeg = TestImages.encode(TestImages.noise(128, 96), "jpeg");

        assertCorrupt(TestImages.truncated(jpeg, keep), "The JPEG image is truncated or corrupt");
    }

    @ParameterizedTest(name = "keeping {0} of the bytes")
    @ValueSource(doubles = {0.3, 0.6, 0.9, 0.99})
    void truncatedPngIsRefusedAsCorrupt(double keep) {
        byte[] png = TestImages.encode(TestImages.noise(128, 96), "png");

        assertCorrupt(TestImages.truncated(png, keep), "The PNG image is truncated or corrupt");
    }

    @ParameterizedTest(name = "keeping {0} of the bytes")
    @ValueSource(doubles = {0.3, 0.6, 0.9, 0.99})
    void truncatedGifIsRefusedAsCorrupt(double keep) {
        byte[] gif = TestImages.encode(TestImages.noise(128, 96), "gif");

        assertCorrupt(TestImages.truncated(gif, keep), "The GIF image is truncated or corrupt");
    }

    @ParameterizedTest(name = "keeping {0} of the bytes")
    @ValueSource(doubles = {0.3, 0.6, 0.9, 0.99})
    void truncatedBmpIsRefusedAsCorrupt(double keep) {
        byte[] bmp = TestImages.encode(TestImages.noise(128, 96), "bmp");

        assertCorrupt(TestImages.truncated(bmp, keep), "The BMP image is truncated or corrupt");
    }

    @ParameterizedTest(name = "{0} keeping 60% of the bytes")
    @ValueSource(
            strings = {"quadrants-lossless.webp", "quadrants-lossy.webp", "alpha-lossless.webp", "alpha-lossy.webp"})
    void truncatedWebpIsRefusedAsCorrupt(String resource) {
        byte[] webp = TestImages.resource(resource);

        assertCorrupt(TestImages.truncated(webp, 0.6), "The WebP image is truncated or corrupt");
    }

    @ParameterizedTest(name = "{0} missing its last byte")
    @ValueSource(
            strings = {"quadrants-lossless.webp", "quadrants-lossy.webp", "alpha-lossless.webp", "alpha-lossy.webp"})
    void webpMissingItsLastByteIsRefusedAsCorrupt(String resource) {
        byte[] webp = TestImages.resource(resource);

        assertCorrupt(Arrays.copyOf(webp, webp.length - 1), "The WebP image is truncated or corrupt");
    }

    @Test
    void webpCutShortButWithMatchingContainerLengthsIsRefusedByTheDecoder() {
        byte[] webp = TestImages.truncated(TestImages.resource("quadrants-lossy.webp"), 0.7);
        setLittleEndian(webp, 4, webp.length - 8); // RIFF length
        setLittleEndian(webp, 16, webp.length - 20); // VP8 chunk length

        assertCorrupt(webp, "The WebP image is truncated or corrupt");
    }

    /**
     * 64-byte lossless WebPs found by the api-service's fuzz suite: the VP8L decoder swallows the end-of-file
     * error once per bit and used to spin for seconds to minutes before accepting garbage.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "UklGRjgAAABXRUJQVlA4TCwA8gAvH8AFAB8gEEjeHzqNfxcQFPwf3fxHZMaAINtmkpOc5AUOENH/qFL9BdgtXw==",
                "UklGRjgAAABXRUJQVlA4TCwAAAAvHzkFAB+UEEjeHzpl+RcQFPwf3fxHog+AINtmkpOc5AWkENH/qKv9Bdi2Xw==",
                "UklGRjgAAABXRUJQVlA4TCwAAAAvH60FAEYgEEjeHzpd+RcQFPwfFvxHZA+AINtmdZOc5AVAENH/qFL9Bdi2Xw=="
            })
    void losslessWebpWhoseDecoderReadsOnPastTheEndIsRefusedAtOnce(String base64) {
        long started = System.nanoTime();

        assertCorrupt(Base64.getDecoder().decode(base64), "The WebP image is truncated or corrupt");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pngCutInsideItsHeaderIsRefusedAsCorrupt() {
        byte[] png = TestImages.encode(TestImages.quadrants(64, 48), "png");

        assertCorrupt(Arrays.copyOf(png, 20), "its header cannot be read");
    }

    @Test
    void pngWithDamagedPixelDataIsRefusedAsCorrupt() {
        byte[] png = TestImages.encode(TestImages.noise(64, 48), "png");
        for (int i = png.length / 2; i < png.length / 2 + 64; i++) {
            png[i] = (byte) 0xA5;
        }

        assertCorrupt(png, "The PNG image is truncated or corrupt");
    }

    @Test
    void jpegWithoutFramesIsRefusedAsCorrupt() {
        assertCorrupt(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}, "The JPEG image");
    }

    @Test
    void textStartingWithBmIsRefusedAsCorrupt() {
        assertCorrupt("BM is not a bitmap".getBytes(StandardCharsets.US_ASCII), "The BMP image");
    }

    private static void setLittleEndian(byte[] bytes, int at, int value) {
        for (int i = 0; i < 4; i++) {
            bytes[at + i] = (byte) (value >> (8 * i));
        }
    }

    private void assertCorrupt(byte[] bytes, String messageStart) {
        ImageRejectedException rejected =
                catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bytes));

        assertThat(rejected).as("decoding must be refused").isNotNull();
        assertThat(rejected.reason()).isEqualTo(Reason.CORRUPT);
        assertThat(rejected.getMessage()).contains(messageStart).doesNotContain("Exception", "javax", "com.");
    }
}
