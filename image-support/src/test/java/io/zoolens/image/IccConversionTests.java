package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** What the colour conversion keeps between uploads stays bounded whatever profiles the uploads carry. */
class IccConversionTests {

    private final IccConversion conversion = new IccConversion();
    private final BufferedImage pixels = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);

    @Test
    void aProfileOverTheLimitIsRefusedAndNotKept() {
        byte[] huge = Arrays.copyOf(
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData(), IccConversion.MAX_PROFILE_BYTES + 1);

        assertThatThrownBy(() -> conversion.toSrgb(huge)).isInstanceOf(IllegalArgumentException.class);
        assertThat(conversion.profilesKept()).isZero();
    }

    @Test
    void manyDistinctProfilesKeepAtMostTheBound() {
        for (int i = 0; i < 100; i++) {
            byte[] garbage = new byte[1000];
            Arrays.fill(garbage, (byte) i);
            assertThatThrownBy(() -> conversion.toSrgb(garbage)).isInstanceOf(IllegalArgumentException.class);
            assertThat(conversion.profilesKept()).isLessThanOrEqualTo(IccConversion.PROFILES_KEPT);
        }
    }

    @Test
    void theSameProfileIsConvertedWithOneKeptTransform() {
        byte[] linear = ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData();
        pixels.setRGB(0, 0, 0x808080);

        BufferedImage first = conversion.toSrgb(linear).apply(pixels);
        BufferedImage second = conversion.toSrgb(linear.clone()).apply(pixels);

        assertThat(conversion.profilesKept()).isEqualTo(1);
        // Linear light 128 is about 188 in sRGB's gamma encoding.
        assertThat(first.getRGB(0, 0) & 0xFF).isBetween(180, 195);
        assertThat(second.getRGB(0, 0)).isEqualTo(first.getRGB(0, 0));
    }
}
