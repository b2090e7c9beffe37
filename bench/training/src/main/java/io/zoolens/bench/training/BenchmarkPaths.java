package io.zoolens.bench.training;

import io.zoolens.bench.jmhsupport.InferenceBenchSettings;
import io.zoolens.model.TensorFlowNativeLibraries;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Settings and folders both training benchmarks share with bench/djl, so both sides run alike. */
final class BenchmarkPaths {

    private BenchmarkPaths() {}

    static Path results() {
        return InferenceBenchSettings.repositoryRoot()
                .resolve(System.getProperty("bench.results", "target/bench/results"));
    }

    /** Where real pictures' feature vectors are kept between runs. */
    static Path cache() {
        return InferenceBenchSettings.repositoryRoot().resolve("target/bench/cache");
    }

    /** TensorFlow's natives prepared exactly as the classifier (and RawInferenceBenchmark) prepares them. */
    static void prepareNatives(int intraOpThreads, int interOpThreads) {
        String configured = System.getProperty("bench.nativeCacheDir");
        Path dir = configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "zoolens", "tensorflow");
        new TensorFlowNativeLibraries(dir, BenchmarkPaths.class.getClassLoader()).prepare();
        // DJL builds each session's ConfigProto from these when a model loads: the same pools as bench/djl.
        System.setProperty("ai.djl.tensorflow.num_intraop_threads", String.valueOf(intraOpThreads));
        System.setProperty("ai.djl.tensorflow.num_interop_threads", String.valueOf(interOpThreads));
    }

    /** TensorFlow reads TF_ENABLE_ONEDNN_OPTS when its library loads; recorded like bench/djl records it. */
    static String oneDnnOpts() {
        String value = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        return value == null || value.isBlank() ? "default" : value;
    }

    static List<Integer> ints(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(Integer::valueOf)
                .distinct()
                .toList();
    }
}
