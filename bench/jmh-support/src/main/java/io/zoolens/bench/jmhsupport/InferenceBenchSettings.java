package io.zoolens.bench.jmhsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What the in-process inference benchmark runs and for how long, from {@code -Dbench.*} system
 * properties. Shared by both sides of the comparison, so they always run alike.
 *
 * @param budgetSeconds spread over every fork of every (batch, threads) combination unless
 *     {@code iterationSeconds} is given: about 90 s for this side by default
 */
public record InferenceBenchSettings(
        String model,
        String photo,
        List<Integer> batches,
        List<Integer> threads,
        int intraOpThreads,
        int interOpThreads,
        int forks,
        int warmupIterations,
        int iterations,
        int iterationSeconds,
        int budgetSeconds,
        boolean smoke) {

    /** JVM start, engine start, model load and the first (slow) inference of a fork, roughly. */
    private static final int FORK_OVERHEAD_SECONDS = 6;

    public static InferenceBenchSettings fromSystemProperties() {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean smoke = Boolean.getBoolean("bench.smoke");
        return new InferenceBenchSettings(
                System.getProperty("bench.model", "models/coco-centernet/1"),
                System.getProperty("bench.photo", ".cache/test-images/chelsea.png"),
                ints("bench.batches", smoke ? "1" : "1,2,4,8"),
                ints("bench.threads", smoke ? "1" : "1," + cores),
                Integer.getInteger("bench.intraOpThreads", cores),
                Integer.getInteger("bench.interOpThreads", cores),
                Integer.getInteger("bench.forks", 1),
                Integer.getInteger("bench.warmupIterations", 1),
                Integer.getInteger("bench.iterations", smoke ? 1 : 4),
                Integer.getInteger("bench.iterationSeconds", smoke ? 1 : 0),
                Integer.getInteger("bench.budgetSeconds", 90),
                smoke);
    }

    /** Seconds per warm-up or measurement iteration when running {@code combinations} of parameters. */
    public int secondsPerIteration(int combinations) {
        if (iterationSeconds > 0) {
            return iterationSeconds;
        }
        double perFork = (double) budgetSeconds / (combinations * forks) - FORK_OVERHEAD_SECONDS;
        int seconds = (int) Math.round(perFork / (warmupIterations + iterations));
        return Math.max(1, Math.min(30, seconds));
    }

    private static List<Integer> ints(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Integer::valueOf)
                .distinct()
                .toList();
    }

    /** The folder holding mvnw: model, photo and results paths are relative to it. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no mvnw above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}
