package io.zoolens.classifier.runtime;

import ai.djl.translate.TranslateException;
import io.zoolens.model.ModelInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching in front of one model version's predictors. Requests wait in a bounded queue; each
 * worker (one per predictor) takes the first waiting request, adds whatever else is waiting up to the
 * maximum batch, and, only while another batch is already running, waits up to the maximum wait for
 * more. A lone request therefore never waits, and under load batches fill up. A full queue refuses at
 * once ({@link ModelOverloadedException}) instead of letting latency grow without bound.
 */
final class InferenceQueue {

    private static final Logger log = LoggerFactory.getLogger(InferenceQueue.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);

    private record Request(ModelInput input, CompletableFuture<Prediction> answer) {}

    /** Runs batches on one predictor; used by one worker thread only (DJL predictors are not thread-safe). */
    interface Runner extends AutoCloseable {
        List<Prediction> run(List<ModelInput> inputs) throws TranslateException;

        @Override
        void close();
    }

    private final String modelName;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int capacity;
    private final BlockingQueue<Request> waiting;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger liveWorkers = new AtomicInteger();
    private final Consumer<Integer> batchSizes;
    private final Runnable afterLastWorker;
    private volatile boolean closing;

    /**
     * @param runners makes one runner (predictor) per worker
     * @param batchSizes told the size of every batch run (metrics)
     * @param afterLastWorker runs once every worker has stopped and closed its predictor
     */
    InferenceQueue(
            String threadName,
            String modelName,
            InferenceProperties.Settings settings,
            int maxBatch,
            Supplier<Runner> runners,
            Consumer<Integer> batchSizes,
            Runnable afterLastWorker) {
        this.modelName = modelName;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.capacity = settings.queueCapacity();
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.batchSizes = batchSizes;
        this.afterLastWorker = afterLastWorker;
        for (int i = 0; i < settings.predictors(); i++) {
            Runner runner = runners.get();
            Thread worker = new Thread(() -> work(runner), threadName + "-" + i);
            worker.setDaemon(true);
            workers.add(worker);
        }
        liveWorkers.set(workers.size());
        workers.forEach(Thread::start);
    }

    /** Queues one image; the answer completes when its batch has run. */
    CompletableFuture<Prediction> submit(ModelInput input) {
        Request request = new Request(input, new CompletableFuture<>());
        if (closing) {
            throw new LoadedModel.ModelRetiredException();
        }
        if (!waiting.offer(request)) {
            throw new ModelOverloadedException(modelName, capacity);
        }
        return request.answer();
    }

    /** Stops the workers once the queue is empty; each closes its predictor, the last runs the close hook. */
    void close() {
        closing = true;
        workers.forEach(Thread::interrupt);
    }

    private void work(Runner runner) {
        try {
            List<Request> batch = new ArrayList<>(maxBatch);
            while (!(closing && waiting.isEmpty())) {
                batch.clear();
                try {
                    collect(batch);
                } catch (InterruptedException e) {
                    // close() wakes idle workers; anything already collected still runs below
                }
                batch.removeIf(request -> request.answer().isDone()); // given up by their callers
                if (!batch.isEmpty()) {
                    run(runner, batch);
                }
            }
        } finally {
            runner.close();
            if (liveWorkers.decrementAndGet() == 0) {
                afterLastWorker.run();
            }
        }
    }

    private void collect(List<Request> batch) throws InterruptedException {
        Request first = waiting.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        waiting.drainTo(batch, maxBatch - 1);
        if (batch.size() == maxBatch || maxWaitNanos == 0 || running.get() == 0) {
            return; // nobody else is busy: waiting for company would only add latency
        }
        long deadline = System.nanoTime() + maxWaitNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Request next = left > 0 ? waiting.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                return;
            }
            batch.add(next);
            waiting.drainTo(batch, maxBatch - batch.size());
        }
    }

    private void run(Runner runner, List<Request> batch) {
        batchSizes.accept(batch.size());
        running.incrementAndGet();
        try {
            List<Prediction> answers =
                    runner.run(batch.stream().map(Request::input).toList());
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (Exception | LinkageError e) {
            log.warn("Inference of a batch of {} on model {} failed: {}", batch.size(), modelName, e.toString());
            batch.forEach(request -> request.answer().completeExceptionally(e));
        } finally {
            running.decrementAndGet();
        }
    }
}
