package io.zoolens.classifier.bench;

import io.zoolens.classifier.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Latency and throughput of the default model over HTTP on this machine. Not a test: it prints
 * numbers for docs/benchmarks.md. Run with {@code make bench-classifier}.
 *
 * <p>Measures (1) single-image latency, median and p90 of 20 requests after 5 warm-up requests, with
 * the service's own split into decode, preprocess and inference; (2) throughput with 1, 2 and 4
 * concurrent clients for a fixed number of requests each.
 */
public final class ClassifierBenchmark {

    private static final int WARM_UP = 5;
    private static final int SAMPLES = 20;
    private static final int REQUESTS_PER_CLIENT = 40;
    private static final int PORT = Integer.getInteger("benchmark.port", 18_182);

    private ClassifierBenchmark() {}

    public static void main(String[] args) throws Exception {
        String photo = args.length > 0 ? args[0] : "chelsea.png";
        byte[] image = TestImages.photo(photo);
        Process service = startPackagedService();
        try {
            RestClient http =
                    RestClient.builder().baseUrl("http://localhost:" + PORT).build();
            waitUntilReady(http, service);
            System.out.printf(
                    Locale.ROOT,
                    "%nclassifier benchmark: %s (%d bytes), %d cores, model coco-centernet%n",
                    photo,
                    image.length,
                    Runtime.getRuntime().availableProcessors());

            for (int i = 0; i < WARM_UP; i++) {
                classify(http, image);
            }
            double[] total = new double[SAMPLES];
            double[] decode = new double[SAMPLES];
            double[] preprocess = new double[SAMPLES];
            double[] inference = new double[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long started = System.nanoTime();
                JsonNode answer = classify(http, image);
                total[i] = (System.nanoTime() - started) / 1e6;
                decode[i] = answer.at("/timings/decodeMs").asDouble();
                preprocess[i] = answer.at("/timings/preprocessMs").asDouble();
                inference[i] = answer.at("/timings/inferenceMs").asDouble();
            }
            System.out.printf(Locale.ROOT, "single image, %d requests after %d warm-up (ms):%n", SAMPLES, WARM_UP);
            print("  end to end (HTTP)", total);
            print("  decode", decode);
            print("  preprocess", preprocess);
            print("  inference", inference);

            System.out.println("throughput (requests/s, latency ms):");
            for (int clients : new int[] {1, 2, 4}) {
                throughput(http, image, clients);
            }
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    /** The service as it is deployed: the packaged jar in its own JVM, default settings. */
    private static Process startPackagedService() throws IOException {
        Path root = TestImages.repositoryRoot();
        Path jar;
        try (var jars = Files.list(root.resolve("classifier-service/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("classifier-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "package the classifier first: ./mvnw -pl classifier-service -am package -DskipTests"));
        }
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "--server.port=" + PORT,
                        "--zoolens.models.dir=" + root.resolve("models"),
                        "--logging.level.root=warn")
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(root.resolve("classifier-service/target/benchmark-service.log")
                                .toFile()));
        builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
        return builder.start();
    }

    private static void throughput(RestClient http, byte[] image, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                results.add(pool.submit(() -> {
                    double[] latencies = new double[REQUESTS_PER_CLIENT];
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        long t = System.nanoTime();
                        classify(http, image);
                        latencies[i] = (System.nanoTime() - t) / 1e6;
                    }
                    return latencies;
                }));
            }
            List<Double> all = new ArrayList<>();
            for (Future<double[]> result : results) {
                for (double latency : result.get()) {
                    all.add(latency);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double[] latencies = all.stream().mapToDouble(Double::doubleValue).toArray();
            System.out.printf(Locale.ROOT, "  %d client(s): %.1f req/s, ", clients, all.size() / seconds);
            print("latency", latencies);
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonNode classify(RestClient http, byte[] image) {
        return http.post()
                .uri("/v1/models/coco-centernet:classify")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(image)
                .retrieve()
                .body(JsonNode.class);
    }

    private static void waitUntilReady(RestClient http, Process service) throws InterruptedException {
        for (int i = 0; i < 600 && service.isAlive(); i++) {
            try {
                http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity();
                return;
            } catch (RuntimeException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                "the classifier did not become ready; see classifier-service/target/benchmark-service.log");
    }

    private static void print(String what, double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%s: median %.1f, p90 %.1f, min %.1f, max %.1f%n",
                what,
                percentile(sorted, 50),
                percentile(sorted, 90),
                sorted[0],
                sorted[sorted.length - 1]);
    }

    private static double percentile(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
