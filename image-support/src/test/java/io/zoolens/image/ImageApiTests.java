package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.image.ImageRejectedException.Reason;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small value types both services code against: formats, limits, rejection reasons. */
class ImageApiTests {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "image/jpeg, JPEG",
        "image/jpg, JPEG",
        "IMAGE/JPEG; charset=binary, JPEG",
        "image/png, PNG",
        "image/gif, GIF",
        "image/bmp, BMP",
        "image/x-ms-bmp, BMP",
        "image/webp, WEBP"
    })
    void mediaTypesNameTheirFormat(String mediaType, ImageFormat format) {
        assertThat(ImageFormat.fromMediaType(mediaType)).contains(format);
    }

    @Test
    void otherMediaTypesNameNoFormat() {
        assertThat(ImageFormat.fromMediaType("image/tiff")).isEmpty();
        assertThat(ImageFormat.fromMediaType("application/pdf")).isEmpty();
        assertThat(ImageFormat.fromMediaType("")).isEmpty();
        assertThat(ImageFormat.fromMediaType(null)).isEmpty();
    }

    @Test
    void everyFormatHasItsCanonicalMediaType() {
        assertThat(List.of(ImageFormat.values()))
                .extracting(ImageFormat::mediaType)
                .containsExactly("image/jpeg", "image/png", "image/gif", "image/bmp", "image/webp");
    }

    @Test
    void defaultLimitsAreTenMebibytesFortyMegapixelsAndEveryFormat() {
        ImageLimits limits = ImageLimits.defaults();

        assertThat(limits.maxBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(limits.maxPixels()).isEqualTo(40_000_000L);
        assertThat(limits.allowedFormats()).containsExactly(ImageFormat.values());
    }

    @Test
    void limitsFromConfiguredMediaTypes() {
        ImageLimits limits = ImageLimits.of(5_000_000, 1_000_000, List.of("image/png", "image/jpeg"));

        assertThat(limits)
                .isEqualTo(new ImageLimits(5_000_000, 1_000_000, EnumSet.of(ImageFormat.JPEG, ImageFormat.PNG)));
    }

    @Test
    void unknownConfiguredMediaTypeFailsAtStartUp() {
        assertThatThrownBy(() -> ImageLimits.of(1, 1, List.of("image/png", "image/tif")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'image/tif'");
    }

    @Test
    void limitsMustBePositiveAndNameAFormat() {
        assertThatThrownBy(() -> new ImageLimits(0, 1, Set.of(ImageFormat.PNG)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1, 0, Set.of(ImageFormat.PNG)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImageLimits(1, 1, Set.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allowedFormatsCannotBeChangedAfterwards() {
        Set<ImageFormat> formats = EnumSet.of(ImageFormat.PNG);
        ImageLimits limits = new ImageLimits(1, 1, formats);
        formats.add(ImageFormat.GIF);

        assertThat(limits.allowedFormats()).containsExactly(ImageFormat.PNG);
        assertThatThrownBy(() -> limits.allowedFormats().add(ImageFormat.BMP))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** The table in docs/api.md and docs/classifier-api.md. */
    @ParameterizedTest(name = "{0} is {2} {1}")
    @CsvSource({
        "EMPTY, empty-image, 400",
        "TOO_MANY_BYTES, image-too-large, 413",
        "UNSUPPORTED, unsupported-image, 415",
        "CORRUPT, corrupt-image, 422",
        "TOO_MANY_PIXELS, too-many-pixels, 422"
    })
    void reasonsCarryTheDocumentedProblemTypeAndStatus(Reason reason, String slug, int status) {
        assertThat(reason.slug()).isEqualTo(slug);
        assertThat(reason.status()).isEqualTo(status);
        assertThat(reason.type()).isEqualTo(URI.create("https://zoolens.io/problems/" + slug));
        assertThat(reason.title()).isNotBlank();
    }
}
