package io.zoolens.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhResultsTests {

    @Test
    void sampleModeRowsAreReadInMillisecondsWhateverTheUnit() {
        List<JmhRow> rows = JmhResults.parse(fixture("raw-djl.json"));

        assertThat(rows).hasSize(3);
        JmhRow microseconds = rows.get(1);
        assertThat(microseconds.method()).isEqualTo("infer");
        assertThat(microseconds.batch()).isEqualTo(2);
        assertThat(microseconds.score()).isCloseTo(140.0, within(1e-9));
        assertThat(microseconds.millis(50)).isCloseTo(139.0, within(1e-9));
        assertThat(microseconds.millis(99)).isCloseTo(160.0, within(1e-9));
    }

    @Test
    void imagesPerSecondCountEveryThreadAndEveryImageOfABatch() {
        List<JmhRow> rows = JmhResults.parse(fixture("raw-djl.json"));

        assertThat(rows.get(0).imagesPerSecond()).isCloseTo(1000 / 80.5, within(1e-9));
        assertThat(rows.get(1).imagesPerSecond()).isCloseTo(2 * 1000 / 140.0, within(1e-9));
        assertThat(rows.get(2).imagesPerSecond()).isCloseTo(2 * 1000 / 150.0, within(1e-9));
    }

    @Test
    void summaryPicksTheFastestConfigurationAndTheSingleCallerBatchOne() {
        InferenceSummary summary = InferenceSummary.of(
                "DJL", Path.of("raw-djl.json"), Instant.EPOCH, JmhResults.parse(fixture("raw-djl.json")), null);

        assertThat(summary.best()).get().extracting(InferenceConfig::batch).isEqualTo(2);
        InferenceConfig batchOne = summary.batchOne().orElseThrow();
        assertThat(batchOne.threads()).isEqualTo(1);
        assertThat(batchOne.p50()).isEqualTo(79.0);
        assertThat(summary.varyingParams()).isEmpty();
        assertThat(summary.commonParams()).containsEntry("engine", "DJL 0.28.0 + TensorFlow 2.10.1");
    }

    @Test
    void throughputModeGivesTheRateAndSampleModeTheLatenciesOfOneConfiguration() {
        InferenceSummary summary = InferenceSummary.of(
                "TF", Path.of("tf.json"), Instant.EPOCH, JmhResults.parse(fixture("throughput.json")), null);

        assertThat(summary.configs()).hasSize(1);
        InferenceConfig config = summary.configs().get(0);
        // 0.003 calls per ms = 3 calls/s over both threads, 4 images each
        assertThat(config.imagesPerSecond()).isCloseTo(12.0, within(1e-9));
        assertThat(config.p50()).isEqualTo(690.0);
        assertThat(config.p99()).isEqualTo(800.0);
    }

    @Test
    void labelsNameOnlyTheParametersThatDifferBetweenConfigurations() {
        String json = "[" + row("1", "2") + "," + row("1", "4") + "]";
        InferenceSummary summary =
                InferenceSummary.of("TF", Path.of("tf.json"), Instant.EPOCH, JmhResults.parse(json), null);

        assertThat(summary.varyingParams()).isEqualTo(Set.of("intraOpThreads"));
        assertThat(summary.configs().get(1).label(summary.varyingParams())).isEqualTo("infer (intraOpThreads=4)");
        assertThat(summary.commonParams()).containsOnlyKeys("model");
    }

    @Test
    void aMissingResultFileMeansNotRun(@TempDir Path dir) {
        assertThat(JmhResults.read(dir.resolve("raw-djl.json"))).isEmpty();
    }

    @Test
    void anEmptyResultFileHasNoRows(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("raw-djl.json"), "[\n\n]\n");
        assertThat(JmhResults.read(file)).get().asList().isEmpty();
    }

    @Test
    void theBatchProbeBesideAResultFileIsDescribed(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("raw-djl.json"), "[]");
        Files.writeString(
                dir.resolve("raw-djl.batches.json"),
                "{\"engine\": \"DJL\", \"supported\": [1, 2], \"refused\": {\"4\": \"shape [4,512,512,3] refused\"}}");

        assertThat(JmhResults.batchNote(file))
                .contains("batch sizes the model accepts: 1, 2; refused: 4 (shape [4,512,512,3] refused)");
    }

    @Test
    void unknownUnitsAreRefused() {
        assertThatThrownBy(() -> JmhResults.millisPerUnit("fortnights/op"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JmhResults.millisPerUnit("s/op")).isEqualTo(1000.0);
        assertThat(JmhResults.callsPerSecondPerUnit("ops/us")).isEqualTo(1e6);
    }

    private static String row(String batch, String intraOpThreads) {
        return """
                {"benchmark": "x.Bench.infer", "mode": "sample", "threads": 1,
                 "params": {"batch": "%s", "intraOpThreads": "%s", "model": "m/1"},
                 "primaryMetric": {"score": 100.0, "scoreUnit": "ms/op", "scorePercentiles": {"50.0": 99.0}}}
                """.formatted(batch, intraOpThreads);
    }

    private static String fixture(String name) {
        try (InputStream in = JmhResultsTests.class.getResourceAsStream("/jmh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
