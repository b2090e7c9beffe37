package io.zoolens.bench.scenario;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.Console;
import io.zoolens.bench.load.LoadGenerator;
import io.zoolens.bench.load.LoadPlan;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.load.Stats;
import io.zoolens.bench.system.MemorySampler;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code make bench-memory}: the classifier alone under steady load for a long run (10 minutes by default) while its
 * resident memory is sampled. After a warm-up (heap and TensorFlow's arenas grow to their working size), the
 * memory must stay flat: the last minute's median at most the configured percentage above the first minute's.
 */
public final class MemoryScenario {

    /**
     * @param samples the classifier's resident memory over the run
     * @param load the load that ran meanwhile
     * @param warmUp samples before this are not judged
     * @param maxGrowthPercent the allowed growth
     */
    public record Results(
            List<MemorySampler.Sample> samples, LoadResult load, Duration warmUp, double maxGrowthPercent) {

        private List<MemorySampler.Sample> judged() {
            return samples.stream()
                    .filter(s -> s.elapsedMillis() >= warmUp.toMillis())
                    .toList();
        }

        /** Median RSS of the first minute after the warm-up, bytes. */
        public double startBytes() {
            List<MemorySampler.Sample> judged = judged();
            if (judged.isEmpty()) {
                return Double.NaN;
            }
            long from = judged.get(0).elapsedMillis();
            return Stats.median(judged.stream()
                    .filter(s -> s.elapsedMillis() < from + 60_000)
                    .map(s -> (double) s.rssBytes())
                    .toList());
        }

        /** Median RSS of the last minute, bytes. */
        public double endBytes() {
            List<MemorySampler.Sample> judged = judged();
            if (judged.isEmpty()) {
                return Double.NaN;
            }
            long to = judged.get(judged.size() - 1).elapsedMillis();
            return Stats.median(judged.stream()
                    .filter(s -> s.elapsedMillis() > to - 60_000)
                    .map(s -> (double) s.rssBytes())
                    .toList());
        }

        public double peakBytes() {
            return samples.stream()
                    .mapToLong(MemorySampler.Sample::rssBytes)
                    .max()
                    .orElse(0);
        }

        public double growthPercent() {
            return (endBytes() - startBytes()) / startBytes() * 100;
        }

        /** Least-squares trend after the warm-up, MiB per minute. */
        public double slopeMibPerMinute() {
            List<MemorySampler.Sample> judged = judged();
            double[] minutes = judged.stream()
                    .mapToDouble(s -> s.elapsedMillis() / 60_000.0)
                    .toArray();
            double[] mib = judged.stream()
                    .mapToDouble(s -> s.rssBytes() / (1024.0 * 1024))
                    .toArray();
            return Stats.slope(minutes, mib);
        }

        public boolean flat() {
            return !Double.isNaN(growthPercent()) && growthPercent() <= maxGrowthPercent;
        }
    }

    private MemoryScenario() {}

    public static Results run(URI classifier, long pid, List<TestImages.Photo> photos, BenchSettings settings)
            throws InterruptedException {
        BenchSettings.Memory config = settings.memory();
        Console.log(
                "memory: %d s at c%d, sampling every %d s",
                config.duration().toSeconds(),
                config.concurrency(),
                config.interval().toSeconds());
        try (MemorySampler sampler =
                new MemorySampler(List.of(new MemorySampler.Watched("classifier", pid, false)), config.interval())) {
            LoadResult load = LoadGenerator.run(
                    LoadPlan.timed("memory", Duration.ZERO, config.duration(), settings.honourRetryAfter()),
                    ClassifierScenario.clients(classifier, photos, config.concurrency(), settings.requestTimeout()));
            sampler.close();
            Results results =
                    new Results(sampler.series("classifier"), load, config.warmUp(), config.maxGrowthPercent());
            Console.log(
                    "memory: %.0f MiB after the warm-up, %.0f MiB at the end (%+.1f%%), trend %+.2f MiB/min",
                    results.startBytes() / (1024 * 1024),
                    results.endBytes() / (1024 * 1024),
                    results.growthPercent(),
                    results.slopeMibPerMinute());
            return results;
        }
    }
}
