package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.management.ThreadMXBean;
import io.zoolens.image.ImageRejectedException.Reason;
import io.zoolens.image.testing.HostileImages;
import io.zoolens.image.testing.TestImages;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The checks before any pixel is decoded, and their order: empty, bytes, type, header, pixels. */
class ImageDecoderLimitsTests {

    private static final ImageDecoder DEFAULTS = new ImageDecoder(ImageLimits.defaults());

    @Test
    void emptyImageIsRefused() {
        ImageRejectedException rejected = rejection(() -> DEFAULTS.decode(new byte[0]));

        assertThat(rejected.reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejected.getMessage()).isEqualTo("The image is empty (0 bytes).");
    }

    @Test
    void imageOverTheByteLimitIsRefusedBeforeItsTypeIsLookedAt() {
        ImageDecoder decoder = new ImageDecoder(limits(1000, 1_000_000, EnumSet.allOf(ImageFormat.class)));
        byte[] text = new byte[1001];
        Arrays.fill(text, (byte) 'x');

        ImageRejectedException rejected = rejection(() -> decoder.decode(text));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_BYTES);
        assertThat(rejected.getMessage()).isEqualTo("The image is 1,001 bytes; at most 1,000 bytes are accepted.");
        assertThat(rejected.properties()).isEqualTo(Map.of("maxBytes", 1000L));
    }

    @Test
    void byteLimitMessageSpeaksInMegabytesAndNamesTheLimit() {
        ImageRejectedException rejected = Rejections.tooManyBytes(13_000_000, ImageLimits.DEFAULT_MAX_BYTES);

        assertThat(rejected.getMessage()).isEqualTo("The image is 12.4 MB; at most 10 MB are accepted.");
        assertThat(rejected.properties()).isEqualTo(Map.of("maxBytes", ImageLimits.DEFAULT_MAX_BYTES));
    }

    @Test
    void anUploadOfUnknownSizeCutOffByAContainerLimitIsToldTheLimitToo() {
        ImageRejectedException rejected = DEFAULTS.oversized();

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_BYTES);
        assertThat(rejected.getMessage()).isEqualTo("The upload is too large; at most 10 MB are accepted.");
        assertThat(rejected.properties()).isEqualTo(Map.of("maxBytes", ImageLimits.DEFAULT_MAX_BYTES));
    }

    @Test
    void byteLimitMessageGivesExactBytesWhenJustOver() {
        ImageRejectedException rejected =
                Rejections.tooManyBytes(ImageLimits.DEFAULT_MAX_BYTES + 1, ImageLimits.DEFAULT_MAX_BYTES);

        assertThat(rejected.getMessage())
                .isEqualTo("The image is 10,485,761 bytes; at most 10,485,760 bytes (10 MB) are accepted.");
    }

    @Test
    void imageExactlyAtTheByteLimitIsAccepted() {
        byte[] png = TestImages.encode(TestImages.quadrants(16, 16), "png");
        ImageDecoder decoder = new ImageDecoder(limits(png.length, 1_000_000, EnumSet.allOf(ImageFormat.class)));

        assertThat(decoder.decode(png).info().width()).isEqualTo(16);
    }

    @Test
    void sizeKnownBeforeReadingIsCheckedTheSameWay() {
        ImageDecoder decoder = new ImageDecoder(limits(1000, 1_000_000, EnumSet.allOf(ImageFormat.class)));

        assertThat(rejection(() -> decoder.checkSize(0)).reason()).isEqualTo(Reason.EMPTY);
        assertThat(rejection(() -> decoder.checkSize(1001)).reason()).isEqualTo(Reason.TOO_MANY_BYTES);
        assertThat(rejection(() -> decoder.checkSize(5_000_000_000L)).getMessage())
                .isEqualTo("The image is 4,768.4 MB; at most 1,000 bytes are accepted.");
        assertThatCode(() -> decoder.checkSize(1000)).doesNotThrowAnyException();
        assertThatCode(() -> decoder.checkSize(-1)).as("unknown length").doesNotThrowAnyException();
    }

    @Test
    void plainTextIsRefusedAsUnsupported() {
        byte[] text = "Hello, this is not an image at all.".getBytes(StandardCharsets.UTF_8);

        ImageRejectedException rejected = rejection(() -> DEFAULTS.decode(text));

        assertThat(rejected.reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(rejected.getMessage())
                .isEqualTo("The file is not an image in an accepted format (JPEG, PNG, GIF, BMP or WebP).");
    }

    @Test
    void pdfIsRefusedAsUnsupportedAndNamed() {
        byte[] pdf = "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.ISO_8859_1);

        ImageRejectedException rejected = rejection(() -> DEFAULTS.decode(pdf));

        assertThat(rejected.reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(rejected.getMessage())
                .isEqualTo(
                        "The file looks like PDF, not an image in an accepted format (JPEG, PNG, GIF, BMP or WebP).");
    }

    @Test
    void tiffIsRefusedAsUnsupported() {
        byte[] tiff = TestImages.exifTiff(1);

        assertThat(rejection(() -> DEFAULTS.decode(tiff)).reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void typeNotAllowedIsRefusedAsUnsupportedWhateverItIsCalled() {
        ImageDecoder jpegOnly = new ImageDecoder(limits(1_000_000, 1_000_000, Set.of(ImageFormat.JPEG)));
        byte[] png = TestImages.encode(TestImages.quadrants(16, 16), "png");

        ImageRejectedException rejected = rejection(() -> jpegOnly.decode(png));

        assertThat(rejected.reason()).isEqualTo(Reason.UNSUPPORTED);
        assertThat(rejected.getMessage()).isEqualTo("PNG images are not accepted here; accepted: JPEG.");
    }

    @Test
    void typeIsCheckedBeforeTheHeader() {
        ImageDecoder jpegOnly = new ImageDecoder(limits(1_000_000, 1_000_000, Set.of(ImageFormat.JPEG)));
        byte[] brokenPng = Arrays.copyOf(TestImages.encode(TestImages.quadrants(16, 16), "png"), 20);

        assertThat(rejection(() -> jpegOnly.decode(brokenPng)).reason()).isEqualTo(Reason.UNSUPPORTED);
    }

    @Test
    void pngDeclaringTenGigapixelsIsRefusedFromItsHeaderInMillisecondsAndKilobytes() {
        byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);
        rejection(() -> DEFAULTS.decode(bomb)); // warm up: class loading is not what is measured
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();

        ImageRejectedException rejected = rejection(() -> DEFAULTS.decode(bomb));

        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(bomb).hasSizeLessThan(100);
        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(rejected.getMessage())
                .isEqualTo("The image has 10,000.0 megapixels (100000 × 100000); at most 40 megapixels are accepted.");
        assertThat(rejected.properties()).isEqualTo(Map.of("maxPixels", 40_000_000L, "pixels", 10_000_000_000L));
        assertThat(millis).as("refused without decoding").isLessThan(200);
        assertThat(allocated).as("bytes allocated (decoding would need 30 GB)").isLessThan(1_000_000);
    }

    @Test
    void probeRefusesThePixelBombToo() {
        byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);

        assertThat(rejection(() -> DEFAULTS.probe(bomb)).reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    }

    @Test
    void jpegDeclaringTooManyPixelsIsRefusedFromItsHeader() {
        byte[] jpeg =
                HostileImages.jpegDeclaring(TestImages.encode(TestImages.quadrants(64, 48), "jpeg"), 65_000, 65_000);

        ImageRejectedException rejected = rejection(() -> DEFAULTS.decode(jpeg));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(rejected.getMessage()).startsWith("The image has 4,225.0 megapixels (65000 × 65000)");
    }

    @Test
    void anEightThousandSquareJpegOfHalfAMegabyteIsToldTheLimitInWords() {
        byte[] jpeg = HostileImages.jpegDeclaring(TestImages.encode(TestImages.quadrants(64, 48), "jpeg"), 8000, 8000);

        ImageRejectedException rejected = rejection(() -> DEFAULTS.decode(jpeg));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(rejected.getMessage())
                .isEqualTo("The image has 64.0 megapixels (8000 × 8000); at most 40 megapixels are accepted.");
        assertThat(rejected.properties()).isEqualTo(Map.of("maxPixels", 40_000_000L, "pixels", 64_000_000L));
    }

    @Test
    void pixelLimitCountsWidthTimesHeightInclusively() {
        byte[] png = TestImages.encode(TestImages.quadrants(40, 25), "png");

        assertThatCode(() -> new ImageDecoder(limits(1_000_000, 1000, EnumSet.allOf(ImageFormat.class))).decode(png))
                .doesNotThrowAnyException();
        ImageRejectedException rejected =
                rejection(() -> new ImageDecoder(limits(1_000_000, 999, EnumSet.allOf(ImageFormat.class))).decode(png));
        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
        assertThat(rejected.getMessage())
                .isEqualTo("The image has 1,000 pixels (40 × 25); at most 999 pixels are accepted.");
    }

    @Test
    void headerIsCheckedBeforeThePixelLimit() {
        byte[] png = Arrays.copyOf(TestImages.encode(TestImages.quadrants(64, 48), "png"), 20);
        ImageDecoder tiny = new ImageDecoder(limits(1_000_000, 1, EnumSet.allOf(ImageFormat.class)));

        assertThat(rejection(() -> tiny.decode(png)).reason()).isEqualTo(Reason.CORRUPT);
    }

    @Test
    void pixelLimitIsCheckedBeforeThePixelData() {
        // A header that fits the byte limit and declares too much, followed by garbage instead of IDAT.
        byte[] bomb = TestImages.pngHeaderOnly(10_000, 10_000);
        byte[] withGarbage = Arrays.copyOf(bomb, bomb.length + 64);

        assertThat(rejection(() -> DEFAULTS.decode(withGarbage)).reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    }

    private static ImageLimits limits(long maxBytes, long maxPixels, Set<ImageFormat> formats) {
        return new ImageLimits(maxBytes, maxPixels, formats);
    }

    private static ImageRejectedException rejection(Executable decoding) {
        ImageRejectedException rejected = catchThrowableOfType(ImageRejectedException.class, decoding::execute);
        assertThat(rejected).as("must be refused").isNotNull();
        return rejected;
    }
}
