package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Nginx started by a test, in the foreground, with its prefix (temp folders, the pid file the configuration
 * names) in a folder of its own.
 */
final class NginxProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private NginxProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts Nginx with the configuration and waits until it listens on the port. */
    static NginxProcess start(Path prefix, Path config, int port) {
        try {
            Files.createDirectories(prefix);
            Path log = prefix.resolve("nginx.out");
            Process process = new ProcessBuilder(List.of(
                            Command.nginx(),
                            "-p",
                            prefix + "/",
                            "-c",
                            config.toString(),
                            "-e",
                            "stderr",
                            "-g",
                            "daemon off;"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            NginxProcess nginx = new NginxProcess(process, log);
            nginx.awaitListening(port);
            return nginx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(int port) throws IOException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("nginx does not listen on " + port + ": " + Files.readString(log));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        // QUIT: graceful, as `docker stop` does with the gateway image's STOPSIGNAL
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid()))
                    .start()
                    .waitFor();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
