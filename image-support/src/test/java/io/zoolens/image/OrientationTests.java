package io.zoolens.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every EXIF orientation on a 3×2 image whose six pixels are a..f: stored rows "abc" and "def". */
class OrientationTests {

    @ParameterizedTest(name = "orientation {0} shows {1}")
    @CsvSource({
        "1, abc/def",
        "2, cba/fed",
        "3, fed/cba",
        "4, def/abc",
        "5, ad/be/cf",
        "6, da/eb/fc",
        "7, fc/eb/da",
        "8, cf/be/ad"
    })
    void orientationMovesEveryPixelToWhereTheExifSpecificationPutsIt(int orientation, String expectedRows) {
        BufferedImage stored = image("abc/def");

        BufferedImage upright = Orientation.upright(stored, orientation);

        assertThat(rows(upright)).isEqualTo(expectedRows);
        assertThat(upright.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
        assertThat(Orientation.swapsAxes(orientation)).isEqualTo(orientation >= 5);
    }

    /** Each letter becomes a pixel whose value is the letter's code. */
    private static BufferedImage image(String rows) {
        String[] lines = rows.split("/");
        BufferedImage image = new BufferedImage(lines[0].length(), lines.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < lines.length; y++) {
            for (int x = 0; x < lines[y].length(); x++) {
                image.setRGB(x, y, lines[y].charAt(x));
            }
        }
        return image;
    }

    private static String rows(BufferedImage image) {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < image.getHeight(); y++) {
            if (y > 0) {
                text.append('/');
            }
            for (int x = 0; x < image.getWidth(); x++) {
                text.append((char) (image.getRGB(x, y) & 0xffffff));
            }
        }
        return text.toString();
    }
}
