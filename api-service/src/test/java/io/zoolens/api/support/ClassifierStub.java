package io.zoolens.api.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The classifier-service as a local HTTP server that answers with recorded responses
 * ({@code src/test/resources/classifier/*.json}, written to docs/classifier-api.md and re-recorded from the real
 * classifier). Keeps its port across {@link #stop()} and {@link #start()}, so a test can take the classifier
 * away and bring it back under the running application.
 *
 * <p>Classify answers: {@code classify-cat.json} unless the image's SHA-256 was given another answer with
 * {@link #answer(byte[], int, String)}; an unknown model gets {@code problem-model-not-found.json}.
 */
public final class ClassifierStub {

    public static final String MODEL = "coco-centernet";

    private final int port;
    private final Map<String, Recorded> answersBySha = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
    private final AtomicReference<Recorded> override = new AtomicReference<>();
    /** The training side: cached features, versions per custom model folder, a pause per features batch. */
    private final TrainingSide training = new TrainingSide();

    private HttpServer server;

    private ClassifierStub(int port) {
        this.port = port;
    }

    static ClassifierStub startOnFreePort() {
        ClassifierStub stub = new ClassifierStub(RedisServerProcess.freePort());
        stub.start();
        return stub;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the classifier stub to port " + port, e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Answers classify requests for exactly these image bytes with a recorded response. */
    public void answer(byte[] image, int status, String recording) {
        answersBySha.put(sha256(image), new Recorded(status, recording));
    }

    /** Every classify request gets this answer until {@link #reset()} (e.g. 503 model-not-ready). */
    public void answerAll(int status, String recording) {
        override.set(new Recorded(status, recording));
    }

    /** Every answer waits this long first (to play a slow classifier). */
    public void delay(Duration duration) {
        delay.set(duration);
    }

    public void reset() {
        override.set(null);
        delay.set(Duration.ZERO);
        training.reset();
        start();
    }

    /** The stub's features cache, trainings and custom model folders ({@link TrainingSide}). */
    public TrainingSide training() {
        return training;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(
                    exchange.getRequestMethod(),
                    path,
                    exchange.getRequestURI().getQuery(),
                    exchange.getRequestHeaders().getFirst("X-Request-Id"),
                    sha256(body),
                    body));
            pause();
            Recorded answer = training.handles(exchange.getRequestMethod(), path)
                    ? training.route(
                            exchange.getRequestMethod(),
                            path,
                            exchange.getRequestURI().getQuery(),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            body)
                    : route(
                            exchange.getRequestMethod(),
                            path,
                            exchange.getRequestURI().getQuery(),
                            body);
            if (answer.status() == 204) {
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            byte[] json = answer.body() != null ? answer.body() : recording(answer.recording());
            exchange.getResponseHeaders()
                    .set("Content-Type", answer.status() >= 400 ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(answer.status(), json.length);
            exchange.getResponseBody().write(json);
        }
    }

    private Recorded route(String method, String path, String query, byte[] body) {
        if ("GET".equals(method) && path.equals("/v1/models")) {
            // The custom model folders trained here are listed too, as the classifier lists them.
            return training.withCustomModels(recording("models.json"));
        }
        if ("GET".equals(method) && path.equals("/v1/models/" + MODEL)) {
            return new Recorded(200, "model-coco-centernet.json");
        }
        if ("GET".equals(method) && path.equals("/actuator/health/readiness")) {
            return new Recorded(200, "health-up.json");
        }
        if ("POST".equals(method) && path.startsWith("/v1/models/u-") && path.endsWith(":classify")) {
            String folder = path.substring("/v1/models/".length(), path.length() - ":classify".length());
            return training.hasModel(folder)
                    ? training.classify(folder, query)
                    : new Recorded(404, "problem-model-not-found.json");
        }
        if ("POST".equals(method) && path.equals("/v1/models/" + MODEL + ":classify")) {
            Recorded forced = override.get();
            if (forced != null) {
                return forced;
            }
            return answersBySha.getOrDefault(sha256(body), new Recorded(200, "classify-cat.json"));
        }
        return new Recorded(404, "problem-model-not-found.json");
    }

    private void pause() {
        Duration wait = delay.get();
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static byte[] recording(String name) {
        try (InputStream in = ClassifierStub.class.getResourceAsStream("/classifier/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no recorded classifier response classifier/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Recorded(int status, String recording, byte[] body) {

        Recorded(int status, String recording) {
            this(status, recording, null);
        }

        static Recorded json(int status, String json) {
            return new Recorded(status, null, json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** A request the stub received: {@code body} is what a classify request sent, the image the classifier decodes. */
    public record Received(
            String method, String path, String query, String requestId, String bodySha256, byte[] body) {}
}
