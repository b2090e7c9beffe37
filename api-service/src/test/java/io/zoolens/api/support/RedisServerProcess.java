package io.zoolens.api.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Redis (Debian's {@code redis-server}) on a free loopback port, without persistence, for tests.
 * Started once per test JVM by {@link TestServers}.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/redis-server");

    private final Process process;
    private final int port;

    private RedisServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static RedisServerProcess start() {
        String configured = System.getenv("ZOOLENS_TEST_REDIS_SERVER");
        Path executable = configured == null ? DEFAULT_EXECUTABLE : Path.of(configured);
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("Tests need a real Redis, but " + executable + " is missing: run .ci/run,"
                    + " or apt-get install redis-server (or point ZOOLENS_TEST_REDIS_SERVER at redis-server).");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            try {
                Path workDir = Files.createTempDirectory("zoolens-test-redis");
                Process process = new ProcessBuilder(
                                executable.toString(),
                                "--port",
                                Integer.toString(port),
                                "--bind",
                                "127.0.0.1",
                                "--save",
                                "",
                                "--appendonly",
                                "no",
                                "--dir",
                                workDir.toString(),
                                "--loglevel",
                                "warning")
                        .redirectErrorStream(true)
                        .redirectOutput(workDir.resolve("redis.log").toFile())
                        .start();
                RedisServerProcess redis = new RedisServerProcess(process, port);
                if (redis.awaitPong(Duration.ofSeconds(10))) {
                    return redis;
                }
                redis.close();
                last = new IllegalStateException(
                        "redis-server did not answer PING on port " + port + "; see " + workDir.resolve("redis.log"));
            } catch (IOException e) {
                last = new IllegalStateException("cannot start " + executable, e);
            }
        }
        throw last;
    }

    public int port() {
        return port;
    }

    private boolean awaitPong(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String line = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                        .readLine();
                if ("+PONG".equals(line)) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
