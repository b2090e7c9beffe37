package io.zoolens.image;

import static io.zoolens.image.RgbAssert.assertQuadrants;
import static io.zoolens.image.testing.TestImages.BLUE;
import static io.zoolens.image.testing.TestImages.GREEN;
import static io.zoolens.image.testing.TestImages.RED;
import static io.zoolens.image.testing.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThumbnailsTests {

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());
    /** ImageIO's writer: image-support alone has no native encoder (image-turbojpeg's tests cover that route). */
    private final Thumbnails thumbnails = new Thumbnails(Optional.empty());

    @ParameterizedTest(name = "{0}×{1} fits {2} as {3}×{4}")
    @CsvSource({
        "1000, 500, 256, 256, 128",
        "300, 900, 256, 85, 256",
        "512, 512, 256, 256, 256",
        "2000, 3, 256, 256, 1",
        "100, 50, 256, 100, 50",
        "256, 100, 256, 256, 100"
    })
    void thumbnailFitsTheLongerEdgeAndNeverEnlarges(
            int width, int height, int maxEdge, int expectedWidth, int expectedHeight) {
        byte[] jpeg = thumbnails.jpegThumbnail(TestImages.quadrants(width, height), maxEdge, 0.8f);

        ImageInfo info = decoder.probe(jpeg);
        assertThat(info.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(info.width()).isEqualTo(expectedWidth);
        assertThat(info.height()).isEqualTo(expectedHeight);
    }

    @Test
    void thumbnailKeepsTheColoursWhereTheyWere() {
        byte[] jpeg = thumbnails.jpegThumbnail(TestImages.quadrants(1200, 800), 256, 0.9f);

        BufferedImage thumbnail = decoder.decode(jpeg).rgb();

        assertQuadrants(thumbnail, RED, GREEN, BLUE, WHITE, 16);
    }

    @Test
    void lowerQualityMakesSmallerFiles() {
        BufferedImage photoLike = TestImages.noise(600, 400);

        byte[] low = thumbnails.jpegThumbnail(photoLike, 256, 0.3f);
        byte[] high = thumbnails.jpegThumbnail(photoLike, 256, 0.95f);

        assertThat(low.length).isLessThan(high.length);
    }

    @Test
    void imagesOfAnyTypeBecomeJpegs() {
        BufferedImage argb = new BufferedImage(40, 20, BufferedImage.TYPE_INT_ARGB);

        byte[] jpeg = thumbnails.jpegThumbnail(argb, 256, 0.8f);

        assertThat(decoder.probe(jpeg)).isEqualTo(new ImageInfo(ImageFormat.JPEG, 40, 20, 1));
    }

    @Test
    void nonsenseArgumentsAreRefused() {
        BufferedImage image = TestImages.quadrants(10, 10);

        assertThatThrownBy(() -> thumbnails.jpegThumbnail(image, 0, 0.8f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> thumbnails.jpegThumbnail(image, 256, 0f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> thumbnails.jpegThumbnail(image, 256, 1.5f))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> thumbnails.jpegThumbnail(image, 256, Float.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
