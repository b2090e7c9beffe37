package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Zoolens stack started by the same scripts as {@code make up} ({@code scripts/stack/up.sh}), in a test mode:
 * every port free and chosen here, its own var folder under {@code target/}, so it runs beside a stack started by
 * {@code make up}. {@link #close()} stops it with {@code scripts/stack/down.sh}.
 */
final class NativeStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private final Path repoDir;
    private final Path varDir;
    private final Ports ports;

    /** The free ports of one test stack. */
    record Ports(int http, int https, List<Integer> api, int classifier, int mongo, int redis) {

        static Ports free() {
            List<Integer> chosen = freePorts(7);
            return new Ports(
                    chosen.get(0),
                    chosen.get(1),
                    List.of(chosen.get(2), chosen.get(3)),
                    chosen.get(4),
                    chosen.get(5),
                    chosen.get(6));
        }

        /** Holds all sockets open until every port is chosen, so no port is picked twice. */
        private static List<Integer> freePorts(int count) {
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    sockets.add(new ServerSocket(0));
                }
                return sockets.stream().map(ServerSocket::getLocalPort).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                for (ServerSocket socket : sockets) {
                    try {
                        socket.close();
                    } catch (IOException ignored) {
                        // the port is released either way
                    }
                }
            }
        }
    }

    private NativeStack(Path repoDir, Path varDir, Ports ports) {
        this.repoDir = repoDir;
        this.varDir = varDir;
        this.ports = ports;
    }

    /** Starts a fresh stack (empty databases, new certificate) and waits until it is ready. */
    static NativeStack start(Path repoDir, Path varDir) {
        if (Files.isDirectory(varDir.resolve("run"))) {
            // A stack left behind by an aborted earlier run: stop what its pid files name, then start afresh.
            new NativeStack(repoDir, varDir, Ports.free()).close();
        }
        deleteRecursively(varDir);
        NativeStack stack = new NativeStack(repoDir, varDir, Ports.free());
        try {
            stack.copyDefaultModel();
            stack.script(START_TIMEOUT, "up.sh");
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Stops one service, e.g. {@code api-2}, the way {@code scripts/stack/down.sh api-2} does. */
    void stop(String service) {
        script(STOP_TIMEOUT, "down.sh", service);
    }

    /**
     * Starts every service that is not running, with the settings of the first start, and waits until each is
     * ready: {@code scripts/stack/up.sh} keeps what runs. Answers how long that took.
     */
    Duration startStopped() {
        long started = System.nanoTime();
        script(START_TIMEOUT, "up.sh");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Kills one service at once (SIGKILL), as a crash or the kernel's OOM killer would; no graceful shutdown. */
    void kill(String service) {
        ProcessHandle process = process(service);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(service + " did not die after SIGKILL", e);
        }
    }

    /** Freezes one service (SIGSTOP): it keeps its port and connections but answers nothing until {@link #thaw}. */
    void freeze(String service) {
        signal(service, "STOP");
    }

    void thaw(String service) {
        signal(service, "CONT");
    }

    private void signal(String service, String signal) {
        Command result = Command.run(
                repoDir,
                Map.of(),
                List.of("kill", "-s", signal, Long.toString(process(service).pid())));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kill -s " + signal + " " + service + ": " + result.output());
        }
    }

    /**
     * The running process of a service, from its pid file ("pid start-time", scripts/stack/lib.sh); the start time
     * must match, so a pid the kernel gave to another program since is never signalled.
     */
    ProcessHandle process(String service) {
        try {
            String[] recorded = Files.readString(varDir.resolve("run/" + service + ".pid"))
                    .trim()
                    .split("\\s+");
            long pid = Long.parseLong(recorded[0]);
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            if (!fields[19].equals(recorded[1])) {
                throw new IllegalStateException(service + " (pid " + pid + ") is not running any more");
            }
            return ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException(service + " (pid " + pid + ") is not running"));
        } catch (IOException e) {
            throw new IllegalStateException(service + " is not running", e);
        }
    }

    /** The test stack's own models folder ({@code ZOOLENS_MODELS_DIR}), so tests may drop versions into it. */
    Path modelsDir() {
        return varDir.resolve("models");
    }

    /** A service's log, e.g. {@code var/log/api-1.log}. */
    Path log(String service) {
        return varDir.resolve("log/" + service + ".log");
    }

    /** The default model the build imported into the repository's models folder, so up.sh need not import it. */
    private void copyDefaultModel() {
        Path source = repoDir.resolve("models/coco-centernet/1");
        if (!Files.isRegularFile(source.resolve("zoolens-model.json"))) {
            return; // up.sh fetches and imports it into the test stack's own folder
        }
        Path target = modelsDir().resolve("coco-centernet/1");
        try (Stream<Path> files = Files.list(source)) {
            Files.createDirectories(target);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        script(STOP_TIMEOUT, "down.sh");
    }

    Ports ports() {
        return ports;
    }

    Path repoDir() {
        return repoDir;
    }

    URI https(String path) {
        return URI.create("https://localhost:" + ports.https() + path);
    }

    URI http(String path) {
        return URI.create("http://localhost:" + ports.http() + path);
    }

    /** An api replica directly, bypassing the gateway (replica 1 or 2). */
    URI apiReplica(int replica, String path) {
        return URI.create("http://127.0.0.1:" + ports.api().get(replica - 1) + path);
    }

    Path certificate() {
        return varDir.resolve("tls/fullchain.pem");
    }

    Path accessLog() {
        return varDir.resolve("log/gateway-access.log");
    }

    Path renderedConfig() {
        return varDir.resolve("nginx/conf/nginx.conf");
    }

    /** The environment of the test mode: ports, var folder, and generous api rate limits per client. */
    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZOOLENS_VAR_DIR", varDir.toString());
        env.put("ZOOLENS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("ZOOLENS_HTTPS_PORT", Integer.toString(ports.https()));
        env.put(
                "ZOOLENS_API_PORTS",
                String.join(" ", ports.api().stream().map(String::valueOf).toList()));
        env.put("ZOOLENS_CLASSIFIER_PORT", Integer.toString(ports.classifier()));
        env.put("ZOOLENS_MODELS_DIR", modelsDir().toString());
        env.put("ZOOLENS_MONGO_PORT", Integer.toString(ports.mongo()));
        env.put("ZOOLENS_REDIS_PORT", Integer.toString(ports.redis()));
        // `make test` builds everything before; a stale jar is not rebuilt from inside a test run.
        env.put("ZOOLENS_STACK_BUILD", "missing");
        env.put("ZOOLENS_STACK_TIMEOUT", "300");
        // Every request here comes from 127.0.0.1: the api's per-client limits would count the whole suite
        // (and the browser tests) as one visitor. The gateway's own limit stays as configured.
        env.put("ZOOLENS_RATELIMIT_LOGINATTEMPTSPERCLIENT_MAX", "10000");
        env.put("ZOOLENS_RATELIMIT_REGISTRATIONSPERCLIENT_MAX", "10000");
        env.put("ZOOLENS_RATELIMIT_UPLOADSPERCLIENT_MAX", "100000");
        env.put("ZOOLENS_RATELIMIT_PASSWORDCHECKSPERCLIENT_MAX", "10000");
        // The fault suites upload a few times a second as one account for minutes.
        env.put("ZOOLENS_RATELIMIT_UPLOADSPERACCOUNT_MAX", "100000");
        env.put("ZOOLENS_RATELIMIT_UPLOADSPERACCOUNTDAILY_MAX", "100000");
        // Guest uploads stay limited: high enough for every guest upload of the suites from 127.0.0.1, low enough
        // for the browser suite to use up quickly from 127.0.0.2 (an address of its own; refused attempts count too).
        env.put("ZOOLENS_RATELIMIT_GUESTUPLOADSPERCLIENT_MAX", "300");
        // Recovery after a classifier outage in seconds, not minutes: the circuit breaker probes again after 5 s
        // (default 30 s), a PENDING upload's retries back off from 1 s to at most 5 s (default 5 s to 5 minutes).
        env.put("ZOOLENS_CLASSIFIER_CIRCUITBREAKER_OPENFOR", "5s");
        env.put("ZOOLENS_WORKER_FIRSTBACKOFF", "1s");
        env.put("ZOOLENS_WORKER_MAXBACKOFF", "5s");
        // A claim on a PENDING item outlives one classifier call (10 s read time-out), not minutes: an item claimed
        // just before MongoDB went away is retried soon after it is back.
        env.put("ZOOLENS_WORKER_LEASE", "30s");
        // A certificate and key given by the developer's shell would replace the generated pair under test.
        env.put("ZOOLENS_TLS_CERT", "");
        env.put("ZOOLENS_TLS_KEY", "");
        return env;
    }

    private void script(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoDir.resolve("scripts/stack/" + script).toString());
        command.addAll(List.of(args));
        Path output;
        try {
            Files.createDirectories(varDir);
            output = Files.createTempFile(varDir, script + "-", ".out");
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
            System.out.print(text);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + text);
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
