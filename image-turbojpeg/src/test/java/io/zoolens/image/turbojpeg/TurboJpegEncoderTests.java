package io.zoolens.image.turbojpeg;

import static io.zoolens.image.testing.ImageComparison.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.ImageFormat;
import io.zoolens.image.ImageInfo;
import io.zoolens.image.Thumbnails;
import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The native JPEG writer against ImageIO's on the same pixels: both decode back to the source within the same
 * error, at about the same size, and the service loader wires it into {@link Thumbnails}. Runs against the real
 * libturbojpeg.
 */
class TurboJpegEncoderTests {

    private final Thumbnails withNative = new Thumbnails();
    private final Thumbnails imageIoOnly = new Thumbnails(Optional.empty());

    @Test
    void theServiceLoaderFindsTheEncoder() {
        assertThat(withNative.nativeJpeg()).get().isInstanceOf(TurboJpegEncoder.class);
    }

    @Test
    void itWritesWhatImageIoWritesWithinTheSameLoss() {
        BufferedImage source = TestImages.scene(1008, 756);

        byte[] fast = withNative.jpeg(source, 0.92f);
        byte[] reference = imageIoOnly.jpeg(source, 0.92f);

        BufferedImage fastPixels = TestImages.read(fast);
        assertThat(fastPixels.getWidth()).isEqualTo(1008);
        assertThat(fastPixels.getHeight()).isEqualTo(756);
        double fastError = meanAbsoluteDifference(fastPixels, source);
        double referenceError = meanAbsoluteDifference(TestImages.read(reference), source);
        assertThat(fastError).isLessThan(2.0).isLessThan(referenceError * 1.5 + 0.1);
        assertThat((double) fast.length).isBetween(reference.length * 0.7, reference.length * 1.3);
        ImageInfo info = new io.zoolens.image.ImageDecoder(io.zoolens.image.ImageLimits.defaults()).probe(fast);
        assertThat(info.format()).isEqualTo(ImageFormat.JPEG);
    }

    @Test
    void qualityReachesTheEncoder() {
        BufferedImage source = TestImages.scene(640, 480);

        assertThat(withNative.jpeg(source, 0.3f).length).isLessThan(withNative.jpeg(source, 0.95f).length / 2);
    }

    @Test
    void aSubImageIsWrittenFromItsOwnPixels() {
        BufferedImage source = TestImages.scene(800, 600);
        BufferedImage part = source.getSubimage(100, 50, 400, 300);

        BufferedImage written = TestImages.read(withNative.jpeg(part, 0.95f));

        assertThat(written.getWidth()).isEqualTo(400);
        assertThat(meanAbsoluteDifference(written, copy(part))).isLessThan(2.0);
    }

    @Test
    void thumbnailsOfOtherImageTypesStillComeOut() {
        BufferedImage argb = new BufferedImage(300, 200, BufferedImage.TYPE_INT_ARGB);

        assertThat(TestImages.read(withNative.jpegThumbnail(argb, 256, 0.8f)).getWidth())
                .isEqualTo(256);
    }

    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.createGraphics().drawImage(image, 0, 0, null);
        return copy;
    }
}
