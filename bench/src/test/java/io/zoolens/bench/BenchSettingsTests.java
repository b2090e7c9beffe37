package io.zoolens.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTests {

    @Test
    void theFullRunMeasuresEveryLevelThreeTimes() {
        BenchSettings settings = BenchSettings.load("full", key -> key.equals("repoDir") ? "/repo" : null);

        assertThat(settings.runs()).isEqualTo(3);
        assertThat(settings.classifier().concurrency()).containsExactly(1, 4, 16, 64);
        assertThat(settings.classifier().standalone()).isTrue();
        assertThat(settings.stack().concurrency()).isEqualTo(16);
        assertThat(settings.stack().http()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(settings.soak().requests()).isEqualTo(20_000);
        assertThat(settings.soak().concurrency()).isEqualTo(32);
        assertThat(settings.memory().duration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.paths().report()).isEqualTo(Path.of("/repo/docs/benchmarks.md"));
        assertThat(settings.paths().results()).isEqualTo(Path.of("/repo/target/bench/results"));
    }

    @Test
    void theSmokeRunIsShortAndNeverWritesTheDocs() {
        BenchSettings settings = BenchSettings.load("smoke", key -> key.equals("repoDir") ? "/repo" : null);

        assertThat(settings.runs()).isEqualTo(1);
        assertThat(settings.classifier().duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.classifier().standalone()).isFalse();
        assertThat(settings.paths().report()).isEqualTo(Path.of("/repo/target/bench/smoke/benchmarks.md"));
        assertThat(settings.paths().reliability()).isEqualTo(Path.of("/repo/target/bench/smoke/reliability.md"));
    }

    @Test
    void customModelsThroughTheApiRunAtTheIssuesSizesAndTinyInSmoke() {
        BenchSettings.TrainingApi full = BenchSettings.load("full", key -> null).trainingApi();
        BenchSettings.TrainingApi smoke =
                BenchSettings.load("smoke", key -> null).trainingApi();
        BenchSettings.TrainingApi alone =
                BenchSettings.load("training-api", key -> null).trainingApi();

        assertThat(full.enabled()).isTrue();
        assertThat(full.classes() * full.perClass()).isEqualTo(100);
        assertThat(full.classes() * full.largePerClass()).isEqualTo(500);
        assertThat(full.added()).isEqualTo(10);
        assertThat(full.loadConcurrency()).isEqualTo(4);
        assertThat(full.loadDuration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(full.p99Factor()).isEqualTo(2.0);
        assertThat(alone).isEqualTo(full);
        assertThat(smoke.enabled()).isTrue();
        assertThat(smoke.perClass()).isEqualTo(5);
        assertThat(smoke.largePerClass()).isEqualTo(6);
        assertThat(smoke.loadDuration()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aCustomModelTheApiWouldRefuseIsRefusedUpFront() {
        assertThatThrownBy(() -> BenchSettings.load("full", key -> key.equals("trainingApi.perClass") ? "4" : null))
                .hasMessageContaining("at least 5");
        assertThatThrownBy(() -> BenchSettings.load("full", key -> key.equals("trainingApi.classes") ? "11" : null))
                .hasMessageContaining("2–10");
    }

    @Test
    void systemPropertiesOverrideTheModesDefaults() {
        Map<String, String> overrides = Map.of(
                "classifier.duration", "20s",
                "classifier.concurrency", "64, 1,16",
                "stack.http", "1.1",
                "soak.mix", "upload:1,history:3");

        BenchSettings settings = BenchSettings.load("smoke", overrides::get);

        assertThat(settings.classifier().duration()).isEqualTo(Duration.ofSeconds(20));
        assertThat(settings.classifier().concurrency()).containsExactly(1, 16, 64);
        assertThat(settings.stack().http()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(settings.soak().mix()).containsExactly(Map.entry("upload", 1), Map.entry("history", 3));
    }

    @Test
    void durationsReadInShortOrIsoForm() {
        assertThat(BenchSettings.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(BenchSettings.duration("12s")).isEqualTo(Duration.ofSeconds(12));
        assertThat(BenchSettings.duration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(BenchSettings.duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(BenchSettings.duration("PT15S")).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> BenchSettings.duration("12x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> BenchSettings.load("fast", key -> null)).hasMessageContaining("unknown mode");
        assertThatThrownBy(() -> BenchSettings.load("full", key -> key.equals("runs") ? "0" : null))
                .hasMessageContaining("bench.runs must be positive");
        assertThatThrownBy(() -> BenchSettings.integers("0,4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchSettings.weights("upload=3")).hasMessageContaining("upload:10");
        assertThat(BenchSettings.integers("4,1,4")).isEqualTo(List.of(1, 4));
    }
}
