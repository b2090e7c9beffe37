package io.zoolens.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadTrainingResultsTests {

    @Test
    void singleShotRowsAreReadWithTheirParametersAndSpread() {
        List<TrainingTime> times = HeadTrainingResults.parse(fixture());

        assertThat(times).hasSize(5);
        TrainingTime real = times.get(1);
        assertThat(real.method()).isEqualTo("train");
        assertThat(real.training()).isTrue();
        assertThat(real.source()).isEqualTo("fashion-mnist");
        assertThat(real.vectors()).isEqualTo(1000);
        assertThat(real.classes()).isEqualTo(10);
        assertThat(real.dimension()).isEqualTo(528);
        assertThat(real.meanMs()).isEqualTo(300.0);
        assertThat(real.p50Ms()).isEqualTo(295.0);
        assertThat(real.minMs()).isEqualTo(280.0);
        assertThat(real.maxMs()).isEqualTo(350.0);
        assertThat(real.warmups()).isEqualTo(3);
        assertThat(real.calls()).isEqualTo(8);
        assertThat(real.jdk()).isEqualTo("17.0.15");
        assertThat(times.get(4).method()).isEqualTo("crossValidate");
        assertThat(times.get(4).training()).isFalse();
    }

    @Test
    void secondsPerCallBecomeMilliseconds() {
        TrainingTime large = HeadTrainingResults.parse(fixture()).get(3);

        assertThat(large.vectors()).isEqualTo(10_000);
        assertThat(large.source()).isEqualTo("synthetic");
        assertThat(large.meanMs()).isCloseTo(2500.0, within(1e-9));
        assertThat(large.minMs()).isCloseTo(2300.0, within(1e-9));
        assertThat(large.maxMs()).isCloseTo(2900.0, within(1e-9));
    }

    @Test
    void aMissingFileMeansNotRunAndAnythingButAnArrayIsRefused(@TempDir Path dir) {
        assertThat(HeadTrainingResults.read(dir.resolve("head-training.json"))).isEmpty();
        assertThatThrownBy(() -> HeadTrainingResults.parse("{\"benchmark\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String fixture() {
        try (InputStream in = HeadTrainingResultsTests.class.getResourceAsStream("/jmh/head-training.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
