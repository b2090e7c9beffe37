package io.zoolens.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StageTimingsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theMediansOfTheServicesOwnTimingsAreKept() {
        StageTimings timings = new StageTimings();
        for (double inference : new double[] {70, 90, 80}) {
            timings.add(JSON.readTree("""
                    {"model": {"name": "coco-centernet"},
                     "timings": {"decodeMs": 4.0, "preprocessMs": 3.0, "inferenceMs": %s, "totalMs": %s}}
                    """.formatted(inference, inference + 10)), inference + 15);
        }
        timings.add(JSON.readTree("{\"model\": {}}"), 1.0);

        StageTimings.Medians medians = timings.medians();

        assertThat(medians.answers()).isEqualTo(3);
        assertThat(medians.decode()).isEqualTo(4.0);
        assertThat(medians.inference()).isEqualTo(80.0);
        assertThat(medians.total()).isEqualTo(90.0);
        assertThat(medians.outside()).isEqualTo(5.0);
    }
}
