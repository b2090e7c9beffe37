package io.zoolens.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A closed-loop load generator: one worker thread per client, each sending its next request as soon as the previous
 * one is answered, for a warm-up and then a measured window (or for a fixed number of requests).
 *
 * <p>A request counts in the window it completes in, so a window that starts with the pipeline already full (after
 * the warm-up) is not biased towards short requests. When the window ends, workers finish the request in flight
 * and stop; nothing is left running against the service when {@link #run} returns.
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static LoadResult run(LoadPlan plan, List<? extends Client> clients) throws InterruptedException {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("a load run needs at least one client");
        }
        long start = System.nanoTime();
        long measureFrom = start + plan.warmUp().toNanos();
        long end = measureFrom + plan.measure().toNanos();
        AtomicLong issued = new AtomicLong();
        AtomicReference<Throwable> broken = new AtomicReference<>();
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Worker worker = new Worker(plan, clients.get(i), measureFrom, end, issued);
            workers.add(worker);
            Thread thread = new Thread(
                    () -> {
                        try {
                            worker.run();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException | Error e) {
                            broken.compareAndSet(null, e);
                        }
                    },
                    "load-" + plan.name() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            for (Thread thread : threads) {
                thread.join();
            }
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        if (broken.get() != null) {
            throw new IllegalStateException("a load worker failed in " + plan.name(), broken.get());
        }
        long lastCompletion =
                workers.stream().mapToLong(w -> w.lastCompletion).max().orElse(end);
        Duration window = plan.counted()
                ? Duration.ofNanos(Math.max(1, lastCompletion - start))
                : Duration.ofNanos(Math.max(1, Math.min(end, lastCompletion) - measureFrom));
        Map<String, KindStats> kinds = new HashMap<>();
        for (Worker worker : workers) {
            worker.kinds.forEach((kind, stats) ->
                    kinds.computeIfAbsent(kind, k -> new KindStats()).add(stats));
        }
        double firstMillis = workers.stream()
                .filter(w -> w.firstStart != 0)
                .min((a, b) -> Long.compare(a.firstStart, b.firstStart))
                .map(w -> w.firstMillis)
                .orElse(Double.NaN);
        return new LoadResult(plan.name(), clients.size(), window, kinds, firstMillis);
    }

    private static final class Worker {

        private final LoadPlan plan;
        private final Client client;
        private final long measureFrom;
        private final long end;
        private final AtomicLong issued;
        private final Map<String, KindStats> kinds = new HashMap<>();
        private long firstStart;
        private double firstMillis = Double.NaN;
        private long lastCompletion;

        Worker(LoadPlan plan, Client client, long measureFrom, long end, AtomicLong issued) {
            this.plan = plan;
            this.client = client;
            this.measureFrom = measureFrom;
            this.end = end;
            this.issued = issued;
        }

        void run() throws InterruptedException {
            while (System.nanoTime() < end) {
                if (plan.counted() && issued.incrementAndGet() > plan.maxRequests()) {
                    return;
                }
                long sent = System.nanoTime();
                Exchange exchange = client.send();
                long answered = System.nanoTime();
                if (firstStart == 0) {
                    firstStart = sent;
                    firstMillis = (answered - sent) / 1e6;
                }
                // A timed run counts what completes inside the window; a counted run counts everything.
                if (plan.counted() || (answered >= measureFrom && answered <= end)) {
                    kinds.computeIfAbsent(exchange.kind(), k -> new KindStats())
                            .record(exchange, (answered - sent) / 1000);
                    lastCompletion = Math.max(lastCompletion, answered);
                }
                if (plan.honourRetryAfter() && exchange.shed() && exchange.retryAfterSeconds() > 0) {
                    long pauseNanos = Math.min(
                            Duration.ofSeconds(exchange.retryAfterSeconds()).toNanos(), end - System.nanoTime());
                    if (pauseNanos > 0) {
                        Thread.sleep(pauseNanos / 1_000_000, (int) (pauseNanos % 1_000_000));
                    }
                }
            }
        }
    }
}
