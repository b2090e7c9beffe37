package io.zoolens.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.load.LoadResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrainingScenarioTests {

    @Test
    void addedPicturesGoRoundTheClasses() {
        BenchSettings.TrainingApi config =
                BenchSettings.load("full", key -> null).trainingApi();

        assertThat(TrainingScenario.addedPerClass(config)).isEqualTo(2); // 10 over 5 classes
        assertThat(IntStream.range(0, 10).map(k -> TrainingScenario.addedTo(k, 5)))
                .containsExactly(0, 1, 2, 3, 4, 0, 1, 2, 3, 4);
        BenchSettings.TrainingApi uneven = BenchSettings.load(
                        "full", key -> key.equals("trainingApi.added") ? "7" : null)
                .trainingApi();
        assertThat(TrainingScenario.addedPerClass(uneven)).isEqualTo(2);
    }

    @Test
    void theP99RatioComparesTheWindowDuringTheTrainingWithTheOneWithout() {
        TrainingScenario.Interference interference =
                new TrainingScenario.Interference(window(100, 400), window(60, 700), true);

        assertThat(interference.p99Ratio()).isCloseTo(700.0 / 400.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(new TrainingScenario.Interference(window(0, 0), window(60, 700), true).p99Ratio())
                .isNaN();
    }

    @Test
    void anUploadIntoAnAlbumCarriesTheAlbumAsAFormField() {
        PhotoUpload form = PhotoUpload.form(new TestImages.Photo("bag-1.jpg", new byte[] {1, 2, 3}), "album-7");
        String body = new String(form.body(), StandardCharsets.ISO_8859_1);

        assertThat(body)
                .contains("Content-Disposition: form-data; name=\"albumId\"\r\n\r\nalbum-7\r\n")
                .contains("name=\"image\"; filename=\"bag-1.jpg\"");
        assertThat(body.indexOf("albumId")).isLessThan(body.indexOf("name=\"image\""));
        assertThat(new String(
                        PhotoUpload.form(new TestImages.Photo("x.jpg", new byte[0]))
                                .body(),
                        StandardCharsets.ISO_8859_1))
                .doesNotContain("albumId");
    }

    /** {@code successes} uploads of {@code millis} each in a 10 s window. */
    static LoadResult window(int successes, double millis) {
        KindStats stats = new KindStats();
        for (int i = 0; i < successes; i++) {
            stats.record(new Exchange("upload", 201, false, 0, null), (long) (millis * 1000));
        }
        return new LoadResult("w", 4, Duration.ofSeconds(10), Map.of("upload", stats), millis);
    }
}
