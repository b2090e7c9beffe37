package io.zoolens.image.turbojpeg;

import static io.zoolens.image.testing.ImageComparison.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.DecodeTarget;
import io.zoolens.image.DecodedImage;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageLimits;
import io.zoolens.image.ImageRejectedException;
import io.zoolens.image.testing.HostileImages;
import io.zoolens.image.testing.TestImages;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The native route against the ImageIO route on the same bytes: same size, nearly the same pixels, upright by EXIF,
 * and the same verdict on every damaged file. Runs against the real libturbojpeg (Debian libturbojpeg0).
 */
class TurboJpegDecoderTests {

    private static final DecodeTarget MODEL_INPUT = DecodeTarget.fit(512, 512);

    private final ImageDecoder withNative = new ImageDecoder(ImageLimits.defaults());
    private final ImageDecoder imageIoOnly = new ImageDecoder(ImageLimits.defaults(), Optional.empty());

    @Test
    void theServiceLoaderFindsTheBinding() {
        assertThat(withNative.nativeJpeg()).get().isInstanceOf(TurboJpegDecoder.class);
    }

    @Test
    void reducedDecodeMatchesTheBoxAveragedFullDecode() {
        byte[] jpeg = TestImages.encode(TestImages.scene(4032, 3024), "jpeg");

        DecodedImage fast = withNative.decode(jpeg, MODEL_INPUT);
        DecodedImage reference = imageIoOnly.decode(jpeg, MODEL_INPUT);

        // 4032×3024 drawn at 512×384 keeps two pixels per drawn pixel at 1/4: 1008×756
        assertThat(size(fast.rgb())).isEqualTo("1008x756");
        assertThat(size(reference.rgb())).isEqualTo("1008x756");
        assertThat(fast.info().width()).isEqualTo(4032);
        assertThat(fast.info().height()).isEqualTo(3024);
        assertThat(meanAbsoluteDifference(fast.rgb(), reference.rgb())).isLessThan(1.5);
    }

    @Test
    void aFullSizeDecodeMatchesImageIosPixelForPixelAlmost() {
        byte[] jpeg = TestImages.encode(TestImages.scene(640, 427), "jpeg");

        DecodedImage fast = withNative.decode(jpeg, DecodeTarget.FULL);
        DecodedImage reference = imageIoOnly.decode(jpeg, DecodeTarget.FULL);

        assertThat(size(fast.rgb())).isEqualTo("640x427");
        assertThat(meanAbsoluteDifference(fast.rgb(), reference.rgb())).isLessThan(0.5);
    }

    @Test
    void smallTargetsOnSmallImagesDecodeEveryPixel() {
        byte[] jpeg = TestImages.encode(TestImages.scene(640, 480), "jpeg");

        assertThat(size(withNative.decode(jpeg, MODEL_INPUT).rgb())).isEqualTo("640x480");
        assertThat(size(withNative.decode(jpeg, DecodeTarget.fit(256, 256)).rgb()))
                .isEqualTo("640x480");
        assertThat(size(withNative.decode(jpeg, DecodeTarget.fit(64, 64)).rgb()))
                .isEqualTo("160x120");
    }

    @Test
    void exifOrientationIsAppliedToTheReducedImage() {
        byte[] jpeg = HostileImages.jpegWithSegment(
                TestImages.encode(TestImages.quadrants(800, 400), "jpeg"), 0xE1, exifOrientation6());

        DecodedImage image = withNative.decode(jpeg, DecodeTarget.fit(100, 100));

        assertThat(size(image.rgb())).isEqualTo("100x200"); // stored 800×400 at 1/4, turned a quarter
        assertThat(image.info().width()).isEqualTo(400);
        assertThat(image.info().height()).isEqualTo(800);
        BufferedImage reference =
                imageIoOnly.decode(jpeg, DecodeTarget.fit(100, 100)).rgb();
        assertThat(meanAbsoluteDifference(image.rgb(), reference)).isLessThan(3);
    }

    @Test
    void anEmbeddedColourProfileIsAppliedAsImageIoAppliesIt() {
        byte[] plain = TestImages.encode(TestImages.scene(640, 427), "jpeg");
        // Linear-light RGB: far from sRGB, so a route that ignored the profile would be far off. Several chunks.
        byte[] profile = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        byte[] jpeg = TestImages.withIccProfile(plain, profile, 400);

        for (DecodeTarget target : new DecodeTarget[] {DecodeTarget.FULL, DecodeTarget.fit(160, 160)}) {
            BufferedImage fast = withNative.decode(jpeg, target).rgb();
            BufferedImage reference = imageIoOnly.decode(jpeg, target).rgb();
            assertThat(meanAbsoluteDifference(
                            reference, imageIoOnly.decode(plain, target).rgb()))
                    .as("ImageIO converts by the profile")
                    .isGreaterThan(20);
            assertThat(meanAbsoluteDifference(fast, reference))
                    .as("target %s", target)
                    .isLessThan(1.5);
        }
    }

    @Test
    void sRgbAndBrokenProfilesLeaveThePixelsAsTheyAre() {
        byte[] plain = TestImages.encode(TestImages.scene(640, 427), "jpeg");
        byte[] srgb = TestImages.withIccProfile(
                plain, ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(), 60_000);
        byte[] broken = TestImages.withBrokenIccProfile(plain);

        BufferedImage expected = withNative.decode(plain, DecodeTarget.FULL).rgb();
        assertThat(meanAbsoluteDifference(
                        withNative.decode(srgb, DecodeTarget.FULL).rgb(), expected))
                .isLessThan(0.5);
        assertThat(meanAbsoluteDifference(
                        withNative.decode(broken, DecodeTarget.FULL).rgb(), expected))
                .isLessThan(0.5);
    }

    @Test
    void aTruncatedJpegIsRefusedAsByImageIo() {
        byte[] truncated = TestImages.truncatedJpeg();

        assertThat(verdict(withNative, truncated, DecodeTarget.fit(8, 8)))
                .isEqualTo(verdict(imageIoOnly, truncated, DecodeTarget.fit(8, 8)))
                .isEqualTo(verdict(imageIoOnly, truncated, DecodeTarget.FULL))
                .isNotEqualTo("ok");
    }

    @Test
    void damagedJpegsGetTheSameVerdictOnBothRoutes() {
        byte[] jpeg = TestImages.encode(TestImages.scene(512, 384), "jpeg");
        Random random = new Random(16);
        int refused = 0;
        for (int i = 0; i < 150; i++) {
            byte[] damaged = i % 3 == 0
                    ? HostileImages.truncated(jpeg, 200 + random.nextInt(jpeg.length - 200))
                    : HostileImages.mutated(jpeg, random, 1 + random.nextInt(8), 2);
            String expected = verdict(imageIoOnly, damaged, DecodeTarget.fit(64, 64));
            assertThat(verdict(withNative, damaged, DecodeTarget.fit(64, 64)))
                    .as("damaged file %d, reduced", i)
                    .isEqualTo(expected);
            assertThat(verdict(withNative, damaged, DecodeTarget.FULL))
                    .as("damaged file %d, every pixel", i)
                    .isEqualTo(verdict(imageIoOnly, damaged, DecodeTarget.FULL));
            refused += expected.equals("ok") ? 0 : 1;
        }
        assertThat(refused)
                .as("the mutations must damage files, or this test proves nothing")
                .isGreaterThan(20);
    }

    @Test
    void theDeclaredPixelLimitHoldsBeforeAnyNativeDecode() {
        byte[] bomb = HostileImages.jpegDeclaring(TestImages.jpeg(64, 64), 60_000, 60_000);

        assertThat(verdict(withNative, bomb, MODEL_INPUT)).isEqualTo(verdict(imageIoOnly, bomb, MODEL_INPUT));
        assertThat(verdict(withNative, bomb, MODEL_INPUT)).isEqualTo("TOO_MANY_PIXELS");
    }

    private static String verdict(ImageDecoder decoder, byte[] bytes, DecodeTarget target) {
        try {
            decoder.decode(bytes, target);
            return "ok";
        } catch (ImageRejectedException e) {
            return e.reason().name();
        }
    }

    private static byte[] exifOrientation6() {
        return new byte[] {
            'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0,
            0, 0
        };
    }

    private static String size(BufferedImage image) {
        return image.getWidth() + "x" + image.getHeight();
    }
}
