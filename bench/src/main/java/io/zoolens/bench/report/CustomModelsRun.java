package io.zoolens.bench.report;

import io.zoolens.bench.jmh.InferenceSummary;
import io.zoolens.bench.jmh.TrainingTime;
import io.zoolens.bench.system.MachineInfo;
import java.time.Instant;
import java.util.List;

/**
 * What the custom-model benchmarks (bench/training, issue 14) measured, with the raw inference they are compared
 * with. A part that did not run is null (a summary) or empty (the training times).
 *
 * @param written when the report was made, right after the JMH runs
 * @param machine the machine, with the load average at that moment
 * @param command the Make target that ran them
 * @param raw (1) raw DJL inference of the whole detector, {@code raw-djl.json}
 * @param features {@code FeatureExtractionBenchmark}: {@code extract} and {@code bareFeatures}, {@code features.json}
 * @param head {@code HeadTrainingBenchmark}: {@code train} and {@code crossValidate}, {@code head-training.json}
 */
public record CustomModelsRun(
        Instant written,
        MachineInfo machine,
        String command,
        InferenceSummary raw,
        InferenceSummary features,
        List<TrainingTime> head) {

    public CustomModelsRun {
        head = head == null ? List.of() : List.copyOf(head);
    }
}
