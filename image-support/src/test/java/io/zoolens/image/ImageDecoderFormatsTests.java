package io.zoolens.image;

import static io.zoolens.image.RgbAssert.assertPixel;
import static io.zoolens.image.RgbAssert.assertQuadrants;
import static io.zoolens.image.testing.TestImages.BLUE;
import static io.zoolens.image.testing.TestImages.GREEN;
import static io.zoolens.image.testing.TestImages.RED;
import static io.zoolens.image.testing.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.testing.TestImages;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageDecoderFormatsTests {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    @Test
    void pngDecodesWithItsSizeAndExactColours() {
        DecodedImage decoded = decoder.decode(TestImages.encode(TestImages.quadrants(64, 48), "png"));

        assertDecoded(decoded, ImageFormat.PNG, 64, 48);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 0);
    }

    @Test
    void jpegDecodesWithItsSizeAndNearColours() {
        DecodedImage decoded = decoder.decode(TestImages.encode(TestImages.quadrants(64, 48), "jpeg"));

        assertDecoded(decoded, ImageFormat.JPEG, 64, 48);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 16);
    }

    @Test
    void jpegWithBrokenColourProfileStillDecodes() {
        byte[] jpeg = TestImages.withBrokenIccProfile(TestImages.encode(TestImages.quadrants(64, 48), "jpeg"));

        DecodedImage decoded = decoder.decode(jpeg);

        assertDecoded(decoded, ImageFormat.JPEG, 64, 48);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 16);
    }

    @Test
    void gifDecodesWithItsSizeAndExactColours() {
        DecodedImage decoded = decoder.decode(TestImages.encode(TestImages.quadrants(64, 48), "gif"));

        assertDecoded(decoded, ImageFormat.GIF, 64, 48);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 0);
    }

    @Test
    void animatedGifDecodesItsFirstFrame() {
        byte[] gif = TestImages.animatedGif(
                TestImages.filled(20, 10, BufferedImage.TYPE_INT_RGB, Color.RED),
                TestImages.filled(20, 10, BufferedImage.TYPE_INT_RGB, Color.BLUE));

        DecodedImage decoded = decoder.decode(gif);

        assertDecoded(decoded, ImageFormat.GIF, 20, 10);
        assertPixel(decoded.rgb(), 10, 5, RED, 0);
    }

    @Test
    void bmpDecodesWithItsSizeAndExactColours() {
        DecodedImage decoded = decoder.decode(TestImages.encode(TestImages.quadrants(64, 48), "bmp"));

        assertDecoded(decoded, ImageFormat.BMP, 64, 48);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 0);
    }

    @Test
    void losslessWebpDecodesWithItsSizeAndExactColours() {
        DecodedImage decoded = decoder.decode(TestImages.resource("quadrants-lossless.webp"));

        assertDecoded(decoded, ImageFormat.WEBP, 32, 24);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 0);
    }

    @Test
    void lossyWebpDecodesWithItsSizeAndNearColours() {
        DecodedImage decoded = decoder.decode(TestImages.resource("quadrants-lossy.webp"));

        assertDecoded(decoded, ImageFormat.WEBP, 32, 24);
        assertQuadrants(decoded.rgb(), RED, GREEN, BLUE, WHITE, 24);
    }

    @ParameterizedTest
    @CsvSource({"alpha-lossless.webp, 0", "alpha-lossy.webp, 24"})
    void transparentWebpIsCompositedOnWhite(String resource, int tolerance) {
        DecodedImage decoded = decoder.decode(TestImages.resource(resource));

        assertDecoded(decoded, ImageFormat.WEBP, 32, 24);
        assertPixel(decoded.rgb(), 4, 12, RED, tolerance);
        assertPixel(decoded.rgb(), 28, 12, WHITE, 0);
    }

    @Test
    void transparentPngIsCompositedOnWhite() {
        BufferedImage argb = new BufferedImage(30, 10, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                argb.setRGB(x, y, 0xffff0000); // opaque red
                argb.setRGB(x + 10, y, 0x80000000); // half-transparent black
                argb.setRGB(x + 20, y, 0x000000ff); // fully transparent blue
            }
        }

        DecodedImage decoded = decoder.decode(TestImages.encode(argb, "png"));

        assertDecoded(decoded, ImageFormat.PNG, 30, 10);
        assertPixel(decoded.rgb(), 5, 5, RED, 0);
        assertPixel(decoded.rgb(), 15, 5, 0x7f7f7f, 1);
        assertPixel(decoded.rgb(), 25, 5, WHITE, 0);
    }

    @Test
    void grayscalePngKeepsItsGrayLevels() {
        BufferedImage gray = TestImages.filled(8, 8, BufferedImage.TYPE_BYTE_GRAY, new Color(100, 100, 100));

        DecodedImage decoded = decoder.decode(TestImages.encode(gray, "png"));

        assertDecoded(decoded, ImageFormat.PNG, 8, 8);
        assertPixel(decoded.rgb(), 4, 4, 0x646464, 0);
    }

    @Test
    void grayscalePngWithAlphaKeepsItsGrayLevelsAndIsCompositedOnWhite() {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_GRAY),
                true,
                false,
                Transparency.TRANSLUCENT,
                DataBuffer.TYPE_BYTE);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, x < 4 ? new int[] {100, 255} : new int[] {0, 0});
            }
        }
        BufferedImage grayAlpha = new BufferedImage(model, raster, false, null);

        DecodedImage decoded = decoder.decode(TestImages.encode(grayAlpha, "png"));

        assertPixel(decoded.rgb(), 1, 4, 0x646464, 0);
        assertPixel(decoded.rgb(), 6, 4, WHITE, 0);
    }

    @Test
    void sixteenBitGrayscalePngIsScaledToEightBits() {
        BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster raster = gray.getRaster();
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setSample(x, y, 0, x < 4 ? 0x6464 : 0xffff);
            }
        }

        DecodedImage decoded = decoder.decode(TestImages.encode(gray, "png"));

        assertPixel(decoded.rgb(), 1, 4, 0x646464, 0);
        assertPixel(decoded.rgb(), 6, 4, WHITE, 0);
    }

    @Test
    void sixteenBitRgbPngIsScaledToEightBits() {
        ComponentColorModel model = new ComponentColorModel(
                ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, new int[] {0xffff, 0x8080, 0});
            }
        }
        BufferedImage rgb16 = new BufferedImage(model, raster, false, null);

        DecodedImage decoded = decoder.decode(TestImages.encode(rgb16, "png"));

        assertPixel(decoded.rgb(), 4, 4, 0xff8000, 1);
    }

    @Test
    void indexedPngIsExpandedToRgb() {
        IndexColorModel palette =
                new IndexColorModel(2, 2, new byte[] {(byte) 255, 0}, new byte[] {0, 0}, new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY, palette);
        for (int y = 0; y < 8; y++) {
            for (int x = 4; x < 8; x++) {
                indexed.getRaster().setSample(x, y, 0, 1);
            }
        }

        DecodedImage decoded = decoder.decode(TestImages.encode(indexed, "png"));

        assertPixel(decoded.rgb(), 1, 4, RED, 0);
        assertPixel(decoded.rgb(), 6, 4, BLUE, 0);
    }

    @Test
    void grayscaleJpegKeepsItsGrayLevels() {
        BufferedImage gray = TestImages.filled(16, 16, BufferedImage.TYPE_BYTE_GRAY, new Color(100, 100, 100));

        DecodedImage decoded = decoder.decode(TestImages.encode(gray, "jpeg"));

        assertDecoded(decoded, ImageFormat.JPEG, 16, 16);
        assertPixel(decoded.rgb(), 8, 8, 0x646464, 2);
    }

    @Test
    void probeReadsFormatAndSizeWithoutDecoding() {
        ImageInfo info = decoder.probe(TestImages.encode(TestImages.quadrants(64, 48), "png"));

        assertThat(info).isEqualTo(new ImageInfo(ImageFormat.PNG, 64, 48, 1));
        assertThat(info.mediaType()).isEqualTo("image/png");
    }

    private static void assertDecoded(DecodedImage decoded, ImageFormat format, int width, int height) {
        assertThat(decoded.info()).isEqualTo(new ImageInfo(format, width, height, 1));
        assertThat(decoded.rgb().getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(decoded.rgb().getWidth()).isEqualTo(width);
        assertThat(decoded.rgb().getHeight()).isEqualTo(height);
    }
}
