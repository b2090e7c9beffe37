package io.zoolens.classifier.training;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The one place feature extraction and training run: a few low-priority threads (1 by default) and a bounded
 * queue, so a big training job never takes more than its share of the cores classification needs. The request
 * thread waits for its task; a full queue is refused at once (503 {@code training-busy}).
 */
@Component
class TrainingExecutor {

    private final ThreadPoolExecutor executor;

    TrainingExecutor(TrainingProperties properties) {
        int threads = Math.max(1, properties.threads());
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.queueCapacity())),
                task -> {
                    Thread thread = new Thread(task, "training-" + count.incrementAndGet());
                    thread.setPriority(Thread.MIN_PRIORITY);
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.AbortPolicy());
    }

    /** Runs {@code task} on a training thread and waits for it; its exceptions come through unchanged. */
    <T> T run(Callable<T> task) throws IOException {
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new TrainingBusyException();
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the training thread", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }
}
