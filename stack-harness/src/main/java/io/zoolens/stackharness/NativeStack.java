package io.zoolens.stackharness;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Zoolens stack started by the same scripts as {@code make up} ({@code scripts/stack/up.sh}) in a harness mode:
 * every port free and chosen here, its own var folder, so it runs beside a stack started by {@code make up}.
 * {@link #close()} stops it with {@code scripts/stack/down.sh}; so does a shutdown hook if the JVM exits first.
 */
public final class NativeStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /** The services up.sh starts, in its order; api replicas are {@code api-1}, {@code api-2}. */
    public static final List<String> SERVICES = List.of("mongo", "redis", "classifier", "api-1", "api-2", "gateway");

    private final Path repoDir;
    private final Path varDir;
    private final StackPorts ports;
    private final StackSettings settings;
    private final Thread stopOnExit;

    private NativeStack(Path repoDir, Path varDir, StackPorts ports, StackSettings settings) {
        this.repoDir = repoDir;
        this.varDir = varDir;
        this.ports = ports;
        this.settings = settings;
        this.stopOnExit = new Thread(this::stopAll, "stop-stack");
    }

    /** Starts a fresh stack (empty databases, new certificate) and waits until every service is ready. */
    public static NativeStack start(Path repoDir, Path varDir, StackSettings settings) {
        if (Files.isDirectory(varDir.resolve("run"))) {
            // A stack left behind by an aborted earlier run: stop what its pid files name, then start afresh.
            new NativeStack(repoDir, varDir, StackPorts.free(), settings).stopAll();
        }
        deleteRecursively(varDir);
        NativeStack stack = new NativeStack(repoDir, varDir, StackPorts.free(), settings);
        Runtime.getRuntime().addShutdownHook(stack.stopOnExit);
        try {
            if (settings.ownModels()) {
                stack.copyDefaultModel();
            }
            stack.script(START_TIMEOUT, "up.sh");
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Stops one service, e.g. {@code api-2}, the way {@code scripts/stack/down.sh api-2} does. */
    public void stop(String service) {
        script(STOP_TIMEOUT, "down.sh", service);
    }

    /**
     * Starts every service that is not running, with the settings of the first start, and waits until each is
     * ready: {@code scripts/stack/up.sh} keeps what runs. Answers how long that took.
     */
    public Duration startStopped() {
        long started = System.nanoTime();
        script(START_TIMEOUT, "up.sh");
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Kills one service at once (SIGKILL), as a crash or the kernel's OOM killer would; no graceful shutdown. */
    public void kill(String service) {
        ProcessHandle process = process(service);
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(service + " did not die after SIGKILL", e);
        }
    }

    /** Freezes one service (SIGSTOP): it keeps its port and connections but answers nothing until {@link #thaw}. */
    public void freeze(String service) {
        signal(service, "STOP");
    }

    public void thaw(String service) {
        signal(service, "CONT");
    }

    private void signal(String service, String signal) {
        List<String> command =
                List.of("kill", "-s", signal, Long.toString(process(service).pid()));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " (" + service + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + service, e);
        }
    }

    /**
     * The running process of a service, from its pid file ("pid start-time", scripts/stack/lib.sh); the start time
     * must match, so a pid the kernel gave to another program since is never taken for the service.
     */
    public Optional<ProcessHandle> running(String service) {
        try {
            String[] recorded = Files.readString(varDir.resolve("run/" + service + ".pid"))
                    .trim()
                    .split("\\s+");
            long pid = Long.parseLong(recorded[0]);
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            return fields[19].equals(recorded[1]) ? ProcessHandle.of(pid) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@link #running} for a service that must be running. */
    public ProcessHandle process(String service) {
        return running(service).orElseThrow(() -> new IllegalStateException(service + " is not running"));
    }

    /** The stack's models folder ({@code ZOOLENS_MODELS_DIR}) when it has its own. */
    public Path modelsDir() {
        return varDir.resolve("models");
    }

    /** A service's log, e.g. {@code var/log/api-1.log}. */
    public Path log(String service) {
        return varDir.resolve("log/" + service + ".log");
    }

    public StackPorts ports() {
        return ports;
    }

    public Path repoDir() {
        return repoDir;
    }

    public URI https(String path) {
        return URI.create("https://localhost:" + ports.https() + path);
    }

    public URI http(String path) {
        return URI.create("http://localhost:" + ports.http() + path);
    }

    /** An api replica directly, bypassing the gateway (replica 1 or 2). */
    public URI apiReplica(int replica, String path) {
        return URI.create("http://127.0.0.1:" + ports.api().get(replica - 1) + path);
    }

    /** The stack's classifier directly (internal port, plain HTTP). */
    public URI classifier(String path) {
        return URI.create("http://127.0.0.1:" + ports.classifier() + path);
    }

    /** The self-signed certificate the gateway presents; see {@link TrustedCertificate}. */
    public Path certificate() {
        return varDir.resolve("tls/fullchain.pem");
    }

    public Path accessLog() {
        return varDir.resolve("log/gateway-access.log");
    }

    public Path renderedConfig() {
        return varDir.resolve("nginx/conf/nginx.conf");
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
    }

    private void stopAll() {
        script(STOP_TIMEOUT, "down.sh");
    }

    /** The default model the build imported into the repository's models folder, so up.sh need not import it. */
    private void copyDefaultModel() {
        Path source = repoDir.resolve("models/coco-centernet/1");
        if (!Files.isRegularFile(source.resolve("zoolens-model.json"))) {
            return; // up.sh fetches and imports it into the stack's own folder
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

    /** Ports and folders, then the caller's settings. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ZOOLENS_VAR_DIR", varDir.toString());
        env.put("ZOOLENS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("ZOOLENS_HTTPS_PORT", Integer.toString(ports.https()));
        env.put(
                "ZOOLENS_API_PORTS",
                String.join(" ", ports.api().stream().map(String::valueOf).toList()));
        env.put("ZOOLENS_CLASSIFIER_PORT", Integer.toString(ports.classifier()));
        env.put("ZOOLENS_MONGO_PORT", Integer.toString(ports.mongo()));
        env.put("ZOOLENS_REDIS_PORT", Integer.toString(ports.redis()));
        if (settings.ownModels()) {
            env.put("ZOOLENS_MODELS_DIR", modelsDir().toString());
        }
        // The caller builds the jars first; a stale jar is not rebuilt from inside a run.
        env.put("ZOOLENS_STACK_BUILD", "missing");
        env.put("ZOOLENS_STACK_TIMEOUT", "300");
        // A certificate and key given by the developer's shell would replace the generated pair.
        env.put("ZOOLENS_TLS_CERT", "");
        env.put("ZOOLENS_TLS_KEY", "");
        env.putAll(settings.environment());
        return env;
    }

    private void script(Duration timeout, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repoDir.resolve("scripts/stack/" + script).toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(varDir);
            Path output = Files.createTempFile(varDir, script + "-", ".out");
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
