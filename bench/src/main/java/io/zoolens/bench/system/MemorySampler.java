package io.zoolens.bench.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples the resident memory of the services while a benchmark runs, on its own thread, and keeps each service's
 * peak: the higher of the sampled RSS and the kernel's high-water mark ({@code VmHWM}). A service with workers
 * (Nginx) counts its children too; its peak is then the highest sampled sum.
 */
public final class MemorySampler implements AutoCloseable {

    /** A process to watch. */
    public record Watched(String name, long pid, boolean withChildren) {}

    /** One sample of one service. */
    public record Sample(long elapsedMillis, long rssBytes) {}

    private final List<Watched> watched;
    private final Duration interval;
    private final Map<String, Long> peaks = new LinkedHashMap<>();
    private final Map<String, List<Sample>> series = new LinkedHashMap<>();
    private final Thread thread;
    private final long started = System.nanoTime();
    private volatile boolean running = true;

    public MemorySampler(List<Watched> watched, Duration interval) {
        this.watched = List.copyOf(watched);
        this.interval = interval;
        watched.forEach(w -> {
            peaks.put(w.name(), 0L);
            series.put(w.name(), new ArrayList<>());
        });
        sample();
        this.thread = new Thread(this::loop, "memory-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Peak resident bytes per service so far, in the order given. */
    public synchronized Map<String, Long> peaks() {
        return new LinkedHashMap<>(peaks);
    }

    /** Every sample of one service so far. */
    public synchronized List<Sample> series(String name) {
        return List.copyOf(series.getOrDefault(name, List.of()));
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            sample();
        }
    }

    private synchronized void sample() {
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        for (Watched w : watched) {
            Optional<ProcStatus> own = ProcStatus.of(w.pid());
            if (own.isEmpty()) {
                continue;
            }
            long rss = own.get().rssBytes();
            long peak = own.get().peakRssBytes();
            if (w.withChildren()) {
                for (long child : ProcStatus.children(w.pid())) {
                    rss += ProcStatus.of(child).map(ProcStatus::rssBytes).orElse(0L);
                }
                peak = rss;
            }
            peaks.merge(w.name(), Math.max(peak, rss), Math::max);
            series.get(w.name()).add(new Sample(elapsed, rss));
        }
    }
}
