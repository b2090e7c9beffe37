package io.zoolens.bench.jmh;

/**
 * One configuration of the head-training benchmark ({@code bench/training}, JMH single-shot mode): how long one
 * whole training, or one whole cross-validation, took.
 *
 * @param method {@code train} or {@code crossValidate}
 * @param source where the vectors came from: {@code fashion-mnist} (real pictures' features) or {@code synthetic}
 * @param vectors feature vectors trained on
 * @param classes classes among them
 * @param dimension values per vector
 * @param meanMs mean time per call
 * @param p50Ms median time per call
 * @param minMs fastest call
 * @param maxMs slowest call
 * @param warmups untimed calls before the timed ones, per fork
 * @param calls timed calls, over all forks
 * @param jdk the JDK the benchmark ran on
 */
public record TrainingTime(
        String method,
        String source,
        int vectors,
        int classes,
        int dimension,
        double meanMs,
        double p50Ms,
        double minMs,
        double maxMs,
        int warmups,
        int calls,
        String jdk) {

    public boolean training() {
        return "train".equals(method);
    }
}
