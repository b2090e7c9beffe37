package io.zoolens.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.image.testing.FashionMnist;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrainingPicturesTests {

    /** 3 classes × 6 scans, each scan a different grey level; scan 4 repeats scan 1 (same class). */
    private static final int SCANS = 18;

    private static byte[][] scans() {
        byte[][] scans = new byte[SCANS][28 * 28];
        for (int i = 0; i < SCANS; i++) {
            for (int p = 0; p < scans[i].length; p++) {
                scans[i][p] = (byte) ((i * 13 + (p % 28) * (i % 5 + 1)) & 0xFF);
            }
        }
        scans[4] = scans[1].clone();
        return scans;
    }

    private static byte[] labels() {
        byte[] labels = new byte[SCANS];
        for (int i = 0; i < SCANS; i++) {
            labels[i] = (byte) (i % 3);
        }
        labels[4] = labels[1];
        return labels;
    }

    @Test
    void drawsDistinctPicturesPerClassTheSameWayForTheSameSeed() {
        List<List<TestImages.Photo>> first =
                TrainingPictures.choose(new FashionMnist.Split("train", scans(), labels()), 2, 5, 14);
        List<List<TestImages.Photo>> again =
                TrainingPictures.choose(new FashionMnist.Split("train", scans(), labels()), 2, 5, 14);

        assertThat(first).hasSize(2);
        assertThat(first.get(0)).hasSize(5);
        assertThat(first.get(1)).hasSize(5);
        assertThat(first.get(0)).allSatisfy(p -> assertThat(p.name()).startsWith("t-shirt-"));
        assertThat(first.get(1)).allSatisfy(p -> assertThat(p.name()).startsWith("trouser-"));
        assertThat(again.get(0))
                .extracting(TestImages.Photo::name)
                .containsExactlyElementsOf(
                        first.get(0).stream().map(TestImages.Photo::name).toList());
        Set<ByteBuffer> bytes = new HashSet<>();
        first.forEach(c -> c.forEach(p -> bytes.add(ByteBuffer.wrap(p.bytes()))));
        assertThat(bytes).hasSize(10);
    }

    @Test
    void aScanIdenticalToOneDrawnBeforeIsSkipped() {
        // class 1 has scans 1, 4 (= 1), 7, 10, 13, 16: only 5 distinct
        assertThatThrownBy(() -> TrainingPictures.choose(new FashionMnist.Split("train", scans(), labels()), 3, 6, 14))
                .hasMessageContaining("only 5 distinct trouser pictures, 6 wanted");
        List<List<TestImages.Photo>> drawn =
                TrainingPictures.choose(new FashionMnist.Split("train", scans(), labels()), 3, 5, 14);
        assertThat(drawn.get(1))
                .extracting(TestImages.Photo::name)
                .containsAnyOf("trouser-1.jpg", "trouser-4.jpg")
                .filteredOn(name -> name.equals("trouser-1.jpg") || name.equals("trouser-4.jpg"))
                .hasSize(1);
    }

    @Test
    void eachPictureIsAnUpscaledJpeg() throws IOException {
        byte[] scan = scans()[0];
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(TrainingPictures.jpeg(scan)));

        assertThat(image.getWidth()).isEqualTo(TrainingPictures.SIZE);
        assertThat(image.getHeight()).isEqualTo(TrainingPictures.SIZE);
    }
}
