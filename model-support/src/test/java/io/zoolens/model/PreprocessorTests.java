package io.zoolens.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessorTests {

    @Test
    void letterboxKeepsTheAspectRatioAndCentresThePhoto() {
        InputGeometry g = preprocessor(ModelMetadata.Resize.LETTERBOX, ModelMetadata.Layout.NHWC, 100, 100)
                .place(400, 200);
        assertThat(g.scaleX()).isEqualTo(0.25);
        assertThat(g.scaleY()).isEqualTo(0.25);
        assertThat(g.offsetX()).isEqualTo(0);
        assertThat(g.offsetY()).isEqualTo(25);
    }

    @Test
    void centerCropCoversTheInputAndCutsTheSides() {
        InputGeometry g = preprocessor(ModelMetadata.Resize.CENTER_CROP, ModelMetadata.Layout.NHWC, 100, 100)
                .place(400, 200);
        assertThat(g.scaleX()).isEqualTo(0.5);
        assertThat(g.offsetX()).isEqualTo(-50);
        assertThat(g.offsetY()).isEqualTo(0);
    }

    @Test
    void stretchScalesEachAxisOnItsOwn() {
        InputGeometry g = preprocessor(ModelMetadata.Resize.STRETCH, ModelMetadata.Layout.NHWC, 100, 50)
                .place(400, 200);
        assertThat(g.scaleX()).isEqualTo(0.25);
        assertThat(g.scaleY()).isEqualTo(0.25);
        assertThat(g.offsetX()).isZero();
    }

    @Test
    void boxesMapBackToTheOriginalAndAreClipped() {
        InputGeometry g = new InputGeometry(400, 200, 100, 100, 0.25, 0.25, 0, 25);
        InputGeometry.Box box = g.toOriginal(10, 20, 60, 90);
        assertThat(box.x()).isEqualTo(40);
        assertThat(box.y()).isZero(); // (20 - 25) / 0.25 is above the photo
        assertThat(box.width()).isEqualTo(200);
        assertThat(box.height()).isEqualTo(200); // (90 - 25) / 0.25 = 260, clipped to 200
    }

    @Test
    void aReducedDecodeIsDrawnWhereTheOriginalWouldBeAndBoxesStayInTheOriginalsPixels() {
        Preprocessor p = preprocessor(ModelMetadata.Resize.LETTERBOX, ModelMetadata.Layout.NHWC, 100, 100);
        BufferedImage original = halves(400, 200);
        BufferedImage quarter = halves(100, 50);

        ModelInput full = p.prepare(original, 5, 0f);
        ModelInput reduced = p.prepare(quarter, 400, 200, 5, 0f);

        assertThat(reduced.geometry()).isEqualTo(full.geometry());
        assertThat(reduced.geometry().toOriginal(0, 25, 100, 75)).isEqualTo(new InputGeometry.Box(0, 0, 400, 200));
        float[] a = new float[full.size()];
        float[] b = new float[reduced.size()];
        full.tensor().get(a);
        reduced.tensor().get(b);
        for (int i = 0; i < a.length; i++) {
            // the same picture in the same place; only the resampling of the edge between the halves differs
            assertThat(b[i]).as("value %d", i).isCloseTo(a[i], within(0.25f));
        }
    }

    /** Red left half, blue right half. */
    private static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < width / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        return image;
    }

    @Test
    void valuesFollowRangeMeanAndStdInChannelsLastOrder() {
        Preprocessor p = new Preprocessor(new ModelMetadata.Input(
                "x",
                2,
                1,
                ModelMetadata.Layout.NHWC,
                ModelMetadata.Resize.STRETCH,
                List.of(-1f, 1f),
                List.of(0f, 0.5f, 0f),
                List.of(1f, 1f, 2f)));
        ModelInput input = p.prepare(pixels(0xFF0080, 0x000000), 5, 0f);
        assertThat(input.shape()).containsExactly(1, 1, 2, 3);
        float[] v = new float[6];
        input.tensor().get(v);
        // R=255 → 1; G=0 → -1 - 0.5; B=128 → (128/255*2 - 1) / 2
        assertThat(v[0]).isCloseTo(1f, within(1e-5f));
        assertThat(v[1]).isCloseTo(-1.5f, within(1e-5f));
        assertThat(v[2]).isCloseTo((128 / 255f * 2 - 1) / 2, within(1e-5f));
        assertThat(v[3]).isCloseTo(-1f, within(1e-5f));
    }

    @Test
    void channelsFirstPutsEachChannelInItsOwnPlane() {
        Preprocessor p = new Preprocessor(new ModelMetadata.Input(
                "x", 2, 1, ModelMetadata.Layout.NCHW, ModelMetadata.Resize.STRETCH, null, null, null));
        ModelInput input = p.prepare(pixels(0x102030, 0x405060), 5, 0f);
        assertThat(input.shape()).containsExactly(1, 3, 1, 2);
        float[] v = new float[6];
        input.tensor().get(v);
        assertThat(v).containsExactly(0x10, 0x40, 0x20, 0x50, 0x30, 0x60);
    }

    private static BufferedImage pixels(int... rgb) {
        BufferedImage image = new BufferedImage(rgb.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < rgb.length; x++) {
            image.setRGB(x, 0, rgb[x]);
        }
        return image;
    }

    private static Preprocessor preprocessor(
            ModelMetadata.Resize resize, ModelMetadata.Layout layout, int width, int height) {
        return new Preprocessor(new ModelMetadata.Input("x", width, height, layout, resize, null, null, null));
    }
}
