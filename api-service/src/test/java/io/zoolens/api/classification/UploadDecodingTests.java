package io.zoolens.api.classification;

import static io.zoolens.image.testing.ImageComparison.meanAbsoluteDifference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Timings;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.Thumbnails;
import io.zoolens.image.testing.TestImages;
import io.zoolens.web.UploadProperties;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The api's one decode on real images: what the classifier is sent, the thumbnail, the original's size. */
class UploadDecodingTests {

    private final UploadDecoding decoding = decoding(1024);

    static UploadDecoding decoding(int modelEdge) {
        UploadProperties upload = new UploadProperties(
                DataSize.ofMegabytes(10),
                40_000_000,
                List.of("image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"),
                256,
                modelEdge);
        return new UploadDecoding(new ImageDecoder(upload.imageLimits()), new Thumbnails(), upload);
    }

    @Test
    void aPhotoWithinTheModelEdgeIsSentAsItsOriginalBytes() {
        byte[] flower = TestImages.fetched("flower.jpg");

        ValidatedImage image = decoding.validate(flower);

        assertThat(image.modelInput().bytes()).isSameAs(flower);
        assertThat(image.modelInput().downscaled()).isFalse();
        assertThat(image.width()).isEqualTo(640);
        assertThat(image.height()).isEqualTo(427);
        assertThat(TestImages.read(image.thumbnail()).getWidth()).isEqualTo(256);
    }

    @Test
    void aTwelveMegapixelPhotoIsSentAsAnUprightJpegReadAtQuarterScaleThatLooksLikeTheOriginal() {
        byte[] jpeg = TestImages.large("chelsea-12mp.jpg");
        BufferedImage photo = TestImages.read(jpeg);

        ValidatedImage image = decoding.validate(jpeg);

        ModelInput input = image.modelInput();
        assertThat(image.bytes()).isSameAs(jpeg);
        assertThat(image.width()).isEqualTo(4032);
        assertThat(image.height()).isEqualTo(3024);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        // libjpeg-turbo reads it at 1/4: 1008 × 756, between 7/8 of the 1024 edge and the edge, sent as it is
        assertThat(input.width()).isEqualTo(1008);
        assertThat(input.height()).isEqualTo(756);
        assertThat(input.originalWidth()).isEqualTo(4032);
        assertThat(input.bytes().length)
                .as("about 70 kB instead of the %d-byte original", jpeg.length)
                .isLessThan(jpeg.length / 10);
        BufferedImage sent = TestImages.read(input.bytes());
        assertThat(sent.getWidth()).isEqualTo(1008);
        assertThat(sent.getHeight()).isEqualTo(756);
        // An area average of every source pixel is the reference of a good downscale.
        BufferedImage reference = toRgb(photo.getScaledInstance(1008, 756, Image.SCALE_AREA_AVERAGING));
        assertThat(meanAbsoluteDifference(sent, reference)).isLessThan(3.0);
        BufferedImage thumbnail = TestImages.read(image.thumbnail());
        assertThat(thumbnail.getWidth()).isEqualTo(256);
        assertThat(thumbnail.getHeight()).isEqualTo(192);
    }

    @Test
    void aTwelveMegapixelUploadAllocatesUnder8MiBDecodedAtQuarterScaleAndWrittenByLibjpeg() {
        byte[] jpeg = TestImages.large("chelsea-12mp.jpg");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        decoding.validate(jpeg); // warm-up: class loading and the native library are not the upload's cost

        long before = threads.getCurrentThreadAllocatedBytes();
        ValidatedImage image = decoding.validate(jpeg);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        System.out.printf("12 MP upload: %.1f MiB allocated on the heap%n", allocated / 1048576.0);
        assertThat(image.modelInput().width()).isEqualTo(1008);
        // A full 4032 × 3024 decode alone is 46.5 MiB of raster, a 1/2-scale one 11.6 MiB; libjpeg-turbo reads it at
        // 1/4 (1008 × 756, 2.9 MiB) and writes the JPEGs without ImageIO's per-row copies: far under the 64
        // MiB.
        assertThat(allocated).isLessThan(8L * 1024 * 1024);
    }

    @Test
    void theExifOrientationIsAppliedToTheSentImageAndTheOriginalsSizeIsTheUprightOne() {
        // Quadrants stored turned, so upright the top-left quadrant is blue (stored bottom-left).
        byte[] stored = TestImages.withExifOrientation(TestImages.encode(TestImages.quadrants(4032, 3024), "jpeg"), 6);

        ValidatedImage image = decoding.validate(stored);

        assertThat(image.width()).isEqualTo(3024);
        assertThat(image.height()).isEqualTo(4032);
        BufferedImage sent = TestImages.read(image.modelInput().bytes());
        assertThat(sent.getWidth()).isEqualTo(756);
        assertThat(sent.getHeight()).isEqualTo(1008);
        assertThat(channels(sent.getRGB(100, 100))).as("top-left is blue").containsExactly(0, 0, 255);
        assertThat(channels(sent.getRGB(700, 100))).as("top-right is red").containsExactly(255, 0, 0);
        assertThat(channels(sent.getRGB(100, 1000))).as("bottom-left is white").containsExactly(255, 255, 255);
    }

    @Test
    void theWorkersRouteMakesTheSameImageAsTheUpload() {
        byte[] jpeg = TestImages.large("rocket-12mp.jpg");

        ModelInput atUpload = decoding.validate(jpeg).modelInput();
        ModelInput later = decoding.modelInput(jpeg);

        assertThat(later).usingRecursiveComparison().isEqualTo(atUpload);
        assertThat(decoding.modelInput(TestImages.fetched("flower.jpg")).downscaled())
                .isFalse();
    }

    @Test
    void boxesAreTakenBackToTheOriginalsPixelsAndKeptInside() {
        ModelInput input = new ModelInput(new byte[1], 1024, 768, 4032, 3024);
        Classified answer = new Classified(
                new ModelUsed("coco-centernet", "1", "detection"),
                List.of(),
                List.of(
                        new Detection("cat", 0.9, new Detection.Box(100, 50, 200, 100)),
                        new Detection("bed", 0.4, new Detection.Box(-2, 700, 1030, 80)),
                        new Detection("odd", 0.1, null)),
                new Timings(1.0, 2.0, 3.0, 4.0));

        List<Detection> mapped = input.toOriginal(answer).objects();

        assertThat(mapped.get(0).box()).isEqualTo(new Detection.Box(393.75, 196.875, 787.5, 393.75));
        assertThat(mapped.get(1).box()).isEqualTo(new Detection.Box(0, 2756.25, 4032, 3024 - 2756.25));
        assertThat(mapped.get(2).box()).isNull();
        assertThat(input.toOriginal(answer).labels()).isEqualTo(answer.labels());
        assertThat(ModelInput.original(new byte[1], 640, 427).toOriginal(answer))
                .isSameAs(answer);
    }

    @Test
    void aModelEdgeUnderTwiceTheModelInputIsRefusedAtStart() {
        assertThatThrownBy(() -> decoding(800))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model-image-edge must be at least 1024");
    }

    @Test
    void aLargerModelEdgeKeepsMorePixels() {
        byte[] jpeg = TestImages.encode(TestImages.quadrants(3000, 2000), "jpeg");

        assertThat(decoding(2048).validate(jpeg).modelInput().width()).isEqualTo(2048);
        assertThat(decoding(2048).validate(jpeg).modelInput().height()).isEqualTo(1365);
        assertThat(decoding(4096).validate(jpeg).modelInput().bytes()).isSameAs(jpeg);
    }

    /** Red, green, blue, each rounded to 0 or 255 when within 24 of it (JPEG is lossy). */
    private static int[] channels(int rgb) {
        int[] channels = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
        for (int i = 0; i < 3; i++) {
            channels[i] = channels[i] < 24 ? 0 : channels[i] > 231 ? 255 : channels[i];
        }
        return channels;
    }

    private static BufferedImage toRgb(Image image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(null), image.getHeight(null), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }
}
