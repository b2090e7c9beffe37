package io.zoolens.bench.report;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.jmh.InferenceSummary;
import io.zoolens.bench.scenario.ClassifierScenario;
import io.zoolens.bench.scenario.DecodeScenario;
import io.zoolens.bench.scenario.StackScenario;
import io.zoolens.bench.system.MachineInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code make bench} (or {@code make bench-smoke}) run measured. A part that did not run is null.
 *
 * @param started when the HTTP part started
 * @param took how long the HTTP part took
 * @param machine the machine
 * @param settings the run's settings
 * @param djl (1) raw in-process DJL, from target/bench/results/raw-djl.json
 * @param tensorflow (5) TensorFlow Java in-process, from target/bench/results/tensorflow-java.json
 * @param djlLegacy (1) on the engine before issue 16 (DJL 0.28 + TensorFlow 2.10.1), from raw-djl-legacy.json
 * @param classifier (2) the classifier over HTTP
 * @param classifierSource which classifier (2) measured: the standalone jar, or the stack's
 * @param stack (3) the whole stack
 * @param memoryPeaks (4) peak resident memory per service, in bytes
 * @param classifierEnvironment the classifier's inference settings from the environment, e.g. ZOOLENS_PREDICTORS=2
 * @param classifierLarge (2) on the 12 MP photos
 * @param stackLarge (3) on the 12 MP photos
 * @param stackLargeForm (3) on the 12 MP photos, each sent as a form instead of the body
 * @param decode the in-process decode benchmark at 12 MP and 48 MP
 */
public record FullRun(
        Instant started,
        Duration took,
        MachineInfo machine,
        BenchSettings settings,
        InferenceSummary djl,
        InferenceSummary tensorflow,
        InferenceSummary djlLegacy,
        ClassifierScenario.Results classifier,
        String classifierSource,
        StackScenario.Results stack,
        Map<String, Long> memoryPeaks,
        List<String> classifierEnvironment,
        ClassifierScenario.Results classifierLarge,
        StackScenario.Results stackLarge,
        StackScenario.Results stackLargeForm,
        DecodeScenario.Results decode) {}
