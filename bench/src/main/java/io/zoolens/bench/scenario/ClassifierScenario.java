package io.zoolens.bench.scenario;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.Console;
import io.zoolens.bench.load.Client;
import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.LoadGenerator;
import io.zoolens.bench.load.LoadPlan;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.load.RunSummary;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scenario (2): the classifier-service over plain HTTP, as the api-service calls it ({@code POST
 * /v1/models/coco-centernet:classify} with the raw JPEG bytes), rotating over the real photos. Each round runs every
 * concurrency level, then a c1 run right after the highest (overload) level to show the recovery; rounds repeat so
 * each figure is a median over them.
 */
public final class ClassifierScenario {

    public static final String MODEL = "coco-centernet";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Runs per concurrency level and the recovery runs.
     *
     * @param levels runs per concurrency level, lowest level first
     * @param recovery the c1 runs right after each overload run
     * @param overload the overload level (the highest)
     * @param stages the service's own timings per level, medians over the successful answers of all runs
     */
    public record Results(
            Map<Integer, List<LoadResult>> levels,
            List<LoadResult> recovery,
            int overload,
            Map<Integer, StageTimings.Medians> stages) {

        public RunSummary level(int concurrency) {
            List<LoadResult> runs = levels.get(concurrency);
            return runs == null ? null : RunSummary.of("c" + concurrency, runs);
        }

        public RunSummary recoverySummary() {
            return recovery.isEmpty() ? null : RunSummary.of("c1 after c" + overload, recovery);
        }
    }

    private ClassifierScenario() {}

    public static Results run(URI classifier, List<TestImages.Photo> photos, BenchSettings settings)
            throws InterruptedException {
        BenchSettings.Classifier config = settings.classifier();
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI classify = classifier.resolve("/v1/models/" + MODEL + ":classify");
        checkAnswer(http, classify, photos.get(0));

        int overload = config.concurrency().get(config.concurrency().size() - 1);
        Console.log("classifier: warm-up %ds at c4", config.startWarmUp().toSeconds());
        LoadGenerator.run(
                LoadPlan.timed("classifier-warm-up", config.startWarmUp(), Duration.ZERO, settings.honourRetryAfter()),
                clients(http, classify, photos, Math.min(4, overload), settings.requestTimeout(), new StageTimings()));

        Map<Integer, List<LoadResult>> levels = new LinkedHashMap<>();
        Map<Integer, StageTimings> stages = new LinkedHashMap<>();
        List<LoadResult> recovery = new ArrayList<>();
        for (int round = 1; round <= settings.runs(); round++) {
            for (int concurrency : config.concurrency()) {
                LoadResult result = LoadGenerator.run(
                        LoadPlan.timed(
                                "classifier-c" + concurrency,
                                settings.warmUp(),
                                config.duration(),
                                settings.honourRetryAfter()),
                        clients(
                                http,
                                classify,
                                photos,
                                concurrency,
                                settings.requestTimeout(),
                                stages.computeIfAbsent(concurrency, c -> new StageTimings())));
                levels.computeIfAbsent(concurrency, c -> new ArrayList<>()).add(result);
                print("classifier c" + concurrency, round, settings.runs(), result);
            }
            // right after the overload run: no warm-up, the first request counts
            LoadResult after = LoadGenerator.run(
                    LoadPlan.timed(
                            "classifier-recovery", Duration.ZERO, config.recovery(), settings.honourRetryAfter()),
                    clients(http, classify, photos, 1, settings.requestTimeout(), new StageTimings()));
            recovery.add(after);
            print("classifier c1 after c" + overload, round, settings.runs(), after);
        }
        Map<Integer, StageTimings.Medians> medians = new LinkedHashMap<>();
        stages.forEach((level, timings) -> medians.put(level, timings.medians()));
        return new Results(levels, recovery, overload, medians);
    }

    static void print(String what, int round, int rounds, LoadResult result) {
        RunSummary s = RunSummary.of(what, List.of(result));
        Console.log(
                "%s run %d/%d: %.1f/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, ok %d, errors %d, 503 %d",
                what, round, rounds, s.throughput(), s.p50(), s.p95(), s.p99(), s.successes(), s.errors(), s.shed());
    }

    /** Clients of a classifier with their own HTTP client (for runs outside this scenario). */
    static List<Client> clients(URI classifier, List<TestImages.Photo> photos, int count, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return clients(
                http,
                classifier.resolve("/v1/models/" + MODEL + ":classify"),
                photos,
                count,
                timeout,
                new StageTimings());
    }

    /** One client per worker, each starting at a different photo and rotating through them. */
    private static List<Client> clients(
            HttpClient http,
            URI classify,
            List<TestImages.Photo> photos,
            int count,
            Duration timeout,
            StageTimings timings) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int first = i;
            clients.add(new Client() {
                private int next = first;

                @Override
                public Exchange send() throws InterruptedException {
                    TestImages.Photo photo = photos.get(next++ % photos.size());
                    HttpRequest request = HttpRequest.newBuilder(classify)
                            .timeout(timeout)
                            .header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(photo.bytes()))
                            .build();
                    return Exchange.attempt("classify", () -> {
                        long sent = System.nanoTime();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        double millis = (System.nanoTime() - sent) / 1e6;
                        if (response.statusCode() == 200) {
                            timings.add(JSON.readTree(response.body()), millis);
                        }
                        return response;
                    });
                }
            });
        }
        return clients;
    }

    /** Fails early when the classifier does not answer a photo with a classification (nothing to measure then). */
    private static void checkAnswer(HttpClient http, URI classify, TestImages.Photo photo) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(classify)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "image/jpeg")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(photo.bytes()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || !response.body().contains("\"model\"")) {
                throw new IllegalStateException("the classifier answered " + photo.name() + " with "
                        + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the classifier at " + classify + " cannot be reached", e);
        }
    }
}
