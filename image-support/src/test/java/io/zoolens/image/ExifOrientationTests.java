package io.zoolens.image;

import static io.zoolens.image.RgbAssert.assertQuadrants;
import static io.zoolens.image.testing.TestImages.BLUE;
import static io.zoolens.image.testing.TestImages.GREEN;
import static io.zoolens.image.testing.TestImages.RED;
import static io.zoolens.image.testing.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/**
 * The stored image is always the 64×48 quadrant image (red, green / blue, white); the EXIF orientation says
 * how a camera meant it to be shown.
 */
class ExifOrientationTests {

    private static final int JPEG_TOLERANCE = 16;

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
    private final byte[] storedJpeg = TestImages.encode(TestImages.quadrants(64, 48), "jpeg");

    @Test
    void jpegWithOrientation6IsTurnedClockwise() {
        DecodedImage decoded = decoder.decode(TestImages.withExifOrientation(storedJpeg, 6));

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.JPEG, 48, 64, 6));
        assertSize(decoded.rgb(), 48, 64);
        assertQuadrants(decoded.rgb(), BLUE, RED, WHITE, GREEN, JPEG_TOLERANCE);
    }

    @Test
    void jpegWithOrientation3IsTurnedHalfWay() {
        DecodedImage decoded = decoder.decode(TestImages.withExifOrientation(storedJpeg, 3));

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48, 3));
        assertSize(decoded.rgb(), 64, 48);
        assertQuadrants(decoded.rgb(), WHITE, BLUE, GREEN, RED, JPEG_TOLERANCE);
    }

    @Test
    void jpegWithOrientation8IsTurnedCounterClockwise() {
        DecodedImage decoded = decoder.decode(TestImages.withExifOrientation(storedJpeg, 8));

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.JPEG, 48, 64, 8));
        assertSize(decoded.rgb(), 48, 64);
        assertQuadrants(decoded.rgb(), GREEN, WHITE, RED, BLUE, JPEG_TOLERANCE);
    }

    @Test
    void jpegWithOrientation1IsLeftAsStored() {
        DecodedImage decoded = decoder.decode(TestImages.withExifOrientation(storedJpeg, 1));

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48, 1));
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, JPEG_TOLERANCE);
    }

    @Test
    void outOfRangeOrientationIsIgnored() {
        DecodedImage decoded = decoder.decode(TestImages.withExifOrientation(storedJpeg, 9));

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.JPEG, 64, 48, 1));
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, JPEG_TOLERANCE);
    }

    @Test
    void probeReportsTheUprightSize() {
        ImageInfo info = decoder.probe(TestImages.withExifOrientation(storedJpeg, 6));

        assertThat(info).isEqualTo(new ImageInfo(ImageFormat.JPEG, 48, 64, 6));
    }

    @Test
    void pngWithExifChunkIsTurnedUpright() {
        byte[] png = TestImages.pngWithExifOrientation(TestImages.encode(TestImages.quadrants(64, 48), "png"), 6);

        DecodedImage decoded = decoder.decode(png);

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.PNG, 48, 64, 6));
        assertQuadrants(decoded.rgb(), BLUE, RED, WHITE, GREEN, 0);
    }

    @Test
    void webpWithExifChunkIsTurnedUpright() {
        DecodedImage decoded = decoder.decode(TestImages.resource("quadrants-exif6.webp"));

        assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageFormat.WEBP, 24, 32, 6));
        assertQuadrants(decoded.rgb(), BLUE, RED, WHITE, GREEN, 0);
    }

    private static void assertSize(BufferedImage image, int width, int height) {
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
    }
}
