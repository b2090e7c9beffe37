package io.zoolens.classifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.djl.translate.TranslateException;
import io.zoolens.model.InputGeometry;
import io.zoolens.model.ModelInput;
import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The batching queue's scheduling, with runners the test holds and releases, so every batch boundary
 * is certain rather than a matter of timing. The real model behind the queue is covered by the ITs.
 */
class InferenceQueueTests {

    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<GatedRunner> runners = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedRunners = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private InferenceQueue queue;

    @AfterEach
    void stopQueue() {
        runners.forEach(GatedRunner::openForGood);
        if (queue != null) {
            queue.close();
        }
    }

    @Test
    void aLoneRequestRunsAtOnceAndDoesNotWaitForCompany() throws Exception {
        queue = queue(2, 4, Duration.ofSeconds(30), 8);
        runners.forEach(GatedRunner::openForGood);

        long started = System.nanoTime();
        Prediction answer = queue.submit(input(7)).get(10, TimeUnit.SECONDS);

        assertThat(answer.embedding()).containsExactly(7f);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void requestsThatArriveWhileThePredictorIsBusyRunAsOneBatchEachWithItsOwnAnswer() throws Exception {
        queue = queue(1, 4, Duration.ZERO, 16);
        GatedRunner runner = runners.get(0);
        CompletableFuture<Prediction> first = queue.submit(input(0));
        runner.awaitBatchStarted();
        List<CompletableFuture<Prediction>> waiting = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            waiting.add(queue.submit(input(i)));
        }

        runner.openForGood();

        assertThat(first.get(10, TimeUnit.SECONDS).embedding()).containsExactly(0f);
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS).embedding()).containsExactly(i + 1f);
        }
        assertThat(batchSizes).containsExactly(1, 4, 2);
    }

    @Test
    void whileAnotherBatchRunsAStartedBatchWaitsUpToMaxWaitForMore() throws Exception {
        queue = queue(2, 3, Duration.ofSeconds(2), 16);
        queue.submit(input(0));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> runners.stream().mapToInt(GatedRunner::started).sum() == 1);
        GatedRunner held = runners.get(0).started() == 1 ? runners.get(0) : runners.get(1);
        GatedRunner free = held == runners.get(0) ? runners.get(1) : runners.get(0);
        free.openForGood(); // the held one keeps a batch running

        CompletableFuture<Prediction> a = queue.submit(input(1));
        Thread.sleep(200);
        CompletableFuture<Prediction> b = queue.submit(input(2));
        CompletableFuture<Prediction> c = queue.submit(input(3));

        assertThat(a.get(10, TimeUnit.SECONDS).embedding()).containsExactly(1f);
        assertThat(b.get(10, TimeUnit.SECONDS).embedding()).containsExactly(2f);
        assertThat(c.get(10, TimeUnit.SECONDS).embedding()).containsExactly(3f);
        assertThat(batchSizes).as("the held batch, then the one that waited").containsExactly(1, 3);
        held.openForGood();
    }

    @Test
    void aFullQueueRefusesAtOnceInsteadOfQueueingWithoutLimit() throws Exception {
        queue = queue(1, 1, Duration.ZERO, 2);
        GatedRunner runner = runners.get(0);
        queue.submit(input(0));
        runner.awaitBatchStarted();
        queue.submit(input(1));
        queue.submit(input(2));

        assertThatThrownBy(() -> queue.submit(input(3)))
                .isInstanceOf(ModelOverloadedException.class)
                .hasMessageContaining("2 requests waiting");
        runner.openForGood();
    }

    @Test
    void aFailedBatchFailsItsOwnRequestsAndTheNextBatchRuns() throws Exception {
        queue = queue(1, 4, Duration.ZERO, 8);
        GatedRunner runner = runners.get(0);
        runner.failNext();
        runner.openForGood();

        CompletableFuture<Prediction> failed = queue.submit(input(1));

        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TranslateException.class);
        assertThat(queue.submit(input(2)).get(10, TimeUnit.SECONDS).embedding()).containsExactly(2f);
    }

    @Test
    void closingStopsEveryWorkerClosesEveryRunnerAndThenRunsTheCloseHook() throws Exception {
        queue = queue(3, 4, Duration.ZERO, 8);
        runners.forEach(GatedRunner::openForGood);
        assertThat(queue.submit(input(1)).get(10, TimeUnit.SECONDS)).isNotNull();

        queue.close();

        assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(closedRunners).hasValue(3);
        assertThatThrownBy(() -> queue.submit(input(2))).isInstanceOf(LoadedModel.ModelRetiredException.class);
    }

    private InferenceQueue queue(int predictors, int maxBatch, Duration maxWait, int capacity) {
        var settings = new InferenceProperties.Settings(predictors, maxBatch, maxWait, capacity, 0, 0);
        return new InferenceQueue(
                "test-inference",
                "test",
                settings,
                maxBatch,
                () -> {
                    GatedRunner runner = new GatedRunner();
                    runners.add(runner);
                    return runner;
                },
                batchSizes::add,
                stopped::countDown);
    }

    /** An image whose "inference" answers with its own id, so answers can be matched to requests. */
    private static ModelInput input(int id) {
        return new ModelInput(
                FloatBuffer.wrap(new float[] {id}), new long[] {1, 1}, new InputGeometry(1, 1, 1, 1, 1, 1, 0, 0), 1, 0);
    }

    /** Runs a batch only when the test lets it; answers each image with its id. */
    private final class GatedRunner implements InferenceQueue.Runner {
        private final AtomicInteger started = new AtomicInteger();
        private final CountDownLatch firstStarted = new CountDownLatch(1);
        private final CountDownLatch gate = new CountDownLatch(1);
        private volatile boolean fail;

        @Override
        public List<Prediction> run(List<ModelInput> inputs) throws TranslateException {
            started.incrementAndGet();
            firstStarted.countDown();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail) {
                fail = false;
                throw new TranslateException("the test failed this batch");
            }
            return inputs.stream()
                    .map(input -> new Prediction(
                            null, null, new float[] {input.tensor().get(0)}))
                    .toList();
        }

        int started() {
            return started.get();
        }

        void awaitBatchStarted() throws InterruptedException {
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void failNext() {
            fail = true;
        }

        void openForGood() {
            gate.countDown();
        }

        @Override
        public void close() {
            closedRunners.incrementAndGet();
        }
    }
}
