package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.testing.TestImages;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which reduction a target asks for, and the ImageIO route's box-averaged reduced decode. */
class DecodeTargetTests {

    @Test
    void aTwelveMegapixelPhotoDecodesAtAQuarterForTheModelAndAnEighthForAThumbnail() {
        assertThat(DecodeTarget.fit(512, 512).denominator(4032, 3024)).isEqualTo(4);
        assertThat(DecodeTarget.fit(512, 512).denominator(3024, 4032)).isEqualTo(4);
        assertThat(DecodeTarget.fit(256, 256).denominator(4032, 3024)).isEqualTo(8);
        assertThat(DecodeTarget.fit(512, 512).denominator(8000, 6000)).isEqualTo(8);
    }

    @Test
    void coverKeepsTheShortSideLargeEnough() {
        // the short side 3024 must keep 1.75 × 512: 1/2 (1512), not 1/4 (756)
        assertThat(DecodeTarget.cover(512, 512).denominator(4032, 3024)).isEqualTo(2);
    }

    @Test
    void smallImagesAndFullTargetsKeepEveryPixel() {
        assertThat(DecodeTarget.fit(512, 512).denominator(640, 480)).isEqualTo(1);
        assertThat(DecodeTarget.FULL.denominator(8000, 6000)).isEqualTo(1);
    }

    @Test
    void withoutANativeDecoderImageIoDecodesInFullAndBoxAveragesDown() {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults(), Optional.empty());
        byte[] png = TestImages.encode(TestImages.quadrants(801, 400), "png");

        DecodedImage image = decoder.decode(png, DecodeTarget.fit(100, 100));

        // 801×400 drawn at 100×50 keeps 1.75 pixels per drawn pixel at 1/4, sides rounded up like libjpeg
        assertThat(image.rgb().getWidth()).isEqualTo(201);
        assertThat(image.rgb().getHeight()).isEqualTo(100);
        assertThat(image.info().width()).isEqualTo(801);
        assertThat(image.info().height()).isEqualTo(400);
        RgbAssert.assertPixel(image.rgb(), 10, 10, TestImages.RED, 0);
        RgbAssert.assertPixel(image.rgb(), 190, 90, TestImages.WHITE, 0);
    }

    @Test
    void boxAveragingMeansEveryPixelOfTheBox() {
        java.awt.image.BufferedImage checker =
                new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                checker.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0x000000);
            }
        }

        java.awt.image.BufferedImage reduced = BoxReduction.reduce(checker, 4);

        // subsampling would give black or white; the average is mid grey
        assertThat(reduced.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080);
    }
}
