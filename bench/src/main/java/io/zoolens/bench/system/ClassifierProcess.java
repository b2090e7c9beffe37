package io.zoolens.bench.system;

import io.zoolens.stackharness.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged classifier-service alone, in its own JVM on a free port, as deployed: the same JVM options as the
 * native stack ({@code ZOOLENS_CLASSIFIER_JAVA_OPTS}), every other setting from the environment (so
 * {@code ZOOLENS_INFERENCE_*} and {@code ZOOLENS_PREDICTORS} given to {@code make bench} reach it).
 */
public final class ClassifierProcess implements AutoCloseable {

    private static final String DEFAULT_JAVA_OPTS = "-Xms128m -Xmx1g -XX:+ExitOnOutOfMemoryError";

    private final Process process;
    private final int port;
    private final Path log;
    private final Thread stopOnExit;

    private ClassifierProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.stopOnExit = new Thread(this::stop, "stop-classifier");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts the jar and waits until its readiness probe is UP (the default model loaded). */
    public static ClassifierProcess start(Path jar, Path modelsDir, Path workDir, Duration timeout) {
        int port = FreePorts.take(1).get(0);
        Path log = workDir.resolve("classifier.log");
        List<String> command = new ArrayList<>();
        command.add(JavaRuntime.javaBinary());
        String options = System.getenv().getOrDefault("ZOOLENS_CLASSIFIER_JAVA_OPTS", DEFAULT_JAVA_OPTS);
        Arrays.stream(options.trim().split("\\s+")).filter(o -> !o.isEmpty()).forEach(command::add);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("SERVER_ADDRESS", "127.0.0.1");
            builder.environment().put("ZOOLENS_MODELS_DIR", modelsDir.toString());
            builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
            ClassifierProcess classifier = new ClassifierProcess(builder.start(), port, log);
            classifier.awaitReady(timeout);
            return classifier;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest probe = HttpRequest.newBuilder(baseUri().resolve("/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the classifier stopped while starting:\n" + logTail());
                }
                try {
                    if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while the classifier started", e);
        }
        close();
        throw new IllegalStateException("the classifier was not ready within " + timeout + ":\n" + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n(log: " + log
                    + ")";
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }
}
