package io.zoolens.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The whole native stack for a benchmark, started by the same script as {@code make up} ({@code scripts/stack/up.sh})
 * on free ports with its own var folder, beside any stack {@code make up} or the stack tests run. Stopped with
 * {@code scripts/stack/down.sh}, also when the harness is interrupted.
 *
 * <p>Differences from a production start, all because every request of a benchmark comes from one address
 * (127.0.0.1): the api's per-client limits on sign-ins and registrations, and the gateway's rate limit on
 * {@code /api/auth} POSTs, are raised. The SPA is a one-page stub, so the benchmark does not build the frontend.
 */
public final class BenchStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /** The services up.sh starts, in its order; api replicas are {@code api-1}, {@code api-2}. */
    public static final List<String> SERVICES = List.of("mongo", "redis", "classifier", "api-1", "api-2", "gateway");

    private final Path repoDir;
    private final Path varDir;
    private final List<Integer> ports;
    private final Thread stopOnExit;

    private BenchStack(Path repoDir, Path varDir, List<Integer> ports) {
        this.repoDir = repoDir;
        this.varDir = varDir;
        this.ports = ports;
        this.stopOnExit = new Thread(this::stop, "stop-stack");
    }

    /** Starts a fresh stack (empty databases) and waits until every service is ready. */
    public static BenchStack start(Path repoDir, Path varDir) {
        if (Files.isDirectory(varDir.resolve("run"))) {
            // left behind by an interrupted run: stop what its pid files name first
            new BenchStack(repoDir, varDir, FreePorts.take(7)).stop();
        }
        deleteRecursively(varDir);
        BenchStack stack = new BenchStack(repoDir, varDir, FreePorts.take(7));
        Runtime.getRuntime().addShutdownHook(stack.stopOnExit);
        try {
            stack.writeSpaStub();
            stack.script(START_TIMEOUT, "up.sh");
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    public URI gateway() {
        return URI.create("https://localhost:" + ports.get(1));
    }

    /** The stack's classifier directly (internal port, plain HTTP). */
    public URI classifier() {
        return URI.create("http://127.0.0.1:" + ports.get(4));
    }

    /** The self-signed certificate the gateway presents. */
    public Path certificate() {
        return varDir.resolve("tls/fullchain.pem");
    }

    /** The pid of a running service from its pid file (written by up.sh: pid and start time). */
    public Optional<Long> pid(String service) {
        Path file = varDir.resolve("run/" + service + ".pid");
        try {
            String[] fields = Files.readString(file).trim().split("\\s+");
            return Optional.of(Long.parseLong(fields[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every running service to watch for memory; Nginx with its workers. */
    public List<MemorySampler.Watched> watched() {
        List<MemorySampler.Watched> watched = new ArrayList<>();
        for (String service : SERVICES) {
            pid(service)
                    .ifPresent(pid -> watched.add(new MemorySampler.Watched(
                            service.equals("classifier") ? "classifier (in the stack)" : service,
                            pid,
                            service.equals("gateway"))));
        }
        return watched;
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
        script(STOP_TIMEOUT, "down.sh");
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZOOLENS_VAR_DIR", varDir.toString());
        env.put("ZOOLENS_HTTP_PORT", Integer.toString(ports.get(0)));
        env.put("ZOOLENS_HTTPS_PORT", Integer.toString(ports.get(1)));
        env.put("ZOOLENS_API_PORTS", ports.get(2) + " " + ports.get(3));
        env.put("ZOOLENS_CLASSIFIER_PORT", Integer.toString(ports.get(4)));
        env.put("ZOOLENS_MONGO_PORT", Integer.toString(ports.get(5)));
        env.put("ZOOLENS_REDIS_PORT", Integer.toString(ports.get(6)));
        env.put("ZOOLENS_SPA_ROOT", varDir.resolve("spa").toString());
        // bench/run.sh builds the jars first; the stack only builds what is missing
        env.put("ZOOLENS_STACK_BUILD", "missing");
        env.put("ZOOLENS_STACK_TIMEOUT", "300");
        env.put("ZOOLENS_RATELIMIT_LOGINATTEMPTSPERCLIENT_MAX", "1000000");
        env.put("ZOOLENS_RATELIMIT_REGISTRATIONSPERCLIENT_MAX", "1000000");
        env.put("ZOOLENS_RATELIMIT_GUESTUPLOADSPERCLIENT_MAX", "1000000");
        env.put("ZOOLENS_AUTH_RATE_LIMIT", "10000r/s");
        env.put("ZOOLENS_AUTH_BURST", "10000");
        env.put("ZOOLENS_TLS_CERT", "");
        env.put("ZOOLENS_TLS_KEY", "");
        return env;
    }

    private void writeSpaStub() {
        try {
            Path spa = Files.createDirectories(varDir.resolve("spa"));
            Files.writeString(
                    spa.resolve("index.html"),
                    "<!doctype html><title>Zoolens benchmark stack</title><p>The SPA is not built for benchmarks.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void script(Duration timeout, String script) {
        List<String> command =
                List.of(repoDir.resolve("scripts/stack/" + script).toString());
        try {
            Files.createDirectories(varDir);
            Path output = varDir.resolve(script + ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(repoDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment());
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish within " + timeout + ":\n" + read(output));
            }
            String text = read(output);
            System.out.print(text.lines().map(l -> "  " + l + "\n").reduce("", String::concat));
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " failed (exit " + process.exitValue() + "):\n" + text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
