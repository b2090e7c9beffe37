package io.zoolens.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of a fuzz run, per category: inputs tried, answers by status and problem type, the most memory one
 * request allocated and the slowest answer. Printed at the end and written to {@code target/fuzz-reports/}.
 */
public final class FuzzTally {

    private final String title;
    private final Map<String, Category> categories = new LinkedHashMap<>();
    private long retainedHeapGrowth;

    public FuzzTally(String title) {
        this.title = title;
    }

    public synchronized void record(String category, Browser.Response response, long allocatedBytes, long millis) {
        String answer = response.status() + (response.status() >= 400 ? " " + slug(response) : "");
        categories.computeIfAbsent(category, key -> new Category()).add(answer, allocatedBytes, millis);
    }

    /** A case not sent, for a known issue. */
    public synchronized void skip(String category) {
        categories.computeIfAbsent(category, key -> new Category()).skipped++;
    }

    public synchronized void retainedHeapGrowth(long bytes) {
        this.retainedHeapGrowth = bytes;
    }

    public synchronized int total() {
        return categories.values().stream().mapToInt(category -> category.count).sum();
    }

    public synchronized String report() {
        StringBuilder text = new StringBuilder("Fuzz figures, " + title + ": " + total() + " inputs\n");
        categories.forEach((name, category) -> text.append(String.format(
                "  %-40s %4d inputs  max %6.1f MiB allocated  max %5d ms  %s%s%n",
                name,
                category.count,
                category.maxAllocated / 1048576.0,
                category.maxMillis,
                category.answers,
                category.skipped == 0 ? "" : "  (+" + category.skipped + " skipped: known issue)")));
        text.append(String.format(
                "  heap retained after all inputs (after GC): %+.1f MiB%n", retainedHeapGrowth / 1048576.0));
        write(text.toString());
        return text.toString();
    }

    private void write(String text) {
        try {
            Path dir = Path.of("target", "fuzz-reports");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(title.replaceAll("[^A-Za-z0-9]+", "-") + ".txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String slug(Browser.Response response) {
        try {
            return response.problemType();
        } catch (RuntimeException notJson) {
            return "(not problem+json)";
        }
    }

    private static final class Category {
        int count;
        int skipped;
        long maxAllocated;
        long maxMillis;
        final Map<String, Integer> answers = new TreeMap<>();

        void add(String answer, long allocated, long millis) {
            count++;
            maxAllocated = Math.max(maxAllocated, allocated);
            maxMillis = Math.max(maxMillis, millis);
            answers.merge(answer, 1, Integer::sum);
        }
    }
}
