package io.zoolens.stack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A few clients sending requests one after another, each with a short pause, until {@link #stop()}: the load a
 * fault happens under. Every answer goes into the shared {@link Answers}.
 */
final class LoadRun {

    /** One request of client {@code client}, named for the figures. */
    interface Step {
        Named send(int client);
    }

    /** A request's answer and what to call it. */
    record Named(String request, HttpResponse<String> response) {}

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService clients;
    private final List<Future<?>> loops = new ArrayList<>();

    private LoadRun(int clientCount) {
        // Daemon threads: a test that fails before stop() must not keep the test JVM alive.
        this.clients = Executors.newFixedThreadPool(clientCount, runnable -> {
            Thread thread = new Thread(runnable, "load-client");
            thread.setDaemon(true);
            return thread;
        });
    }

    static LoadRun start(int clientCount, Duration pause, Answers answers, Step step) {
        LoadRun run = new LoadRun(clientCount);
        for (int c = 0; c < clientCount; c++) {
            int client = c;
            run.loops.add(run.clients.submit(() -> {
                while (run.running.get()) {
                    try {
                        Named named = step.send(client);
                        answers.add(named.request(), named.response());
                    } catch (RuntimeException e) {
                        answers.addNoAnswer("client " + client, e);
                    }
                    sleep(pause);
                }
            }));
        }
        return run;
    }

    /** Lets every client finish the request it is sending, then returns. */
    void stop() {
        running.set(false);
        clients.shutdown();
        try {
            if (!clients.awaitTermination(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the load did not stop within 2 minutes");
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
