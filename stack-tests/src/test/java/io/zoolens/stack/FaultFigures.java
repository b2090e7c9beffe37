package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one fault test: requests sent, answers by status, uploads accepted and records stored, records
 * lost, and how long the fault and the recovery took. Printed, and appended as a table row to
 * {@code stack-tests/target/fault-figures.md} for docs/reliability.md.
 */
record FaultFigures(
        String fault,
        int requests,
        Map<Integer, Long> byStatus,
        int accepted,
        int stored,
        int lost,
        Duration outage,
        Duration recovery,
        String note) {

    static FaultFigures of(
            String fault,
            Answers answers,
            int accepted,
            int stored,
            int lost,
            Duration outage,
            Duration recovery,
            String note) {
        return new FaultFigures(
                fault, answers.count(), answers.byStatus(), accepted, stored, lost, outage, recovery, note);
    }

    /** Where the rows go: beside the test stack's folder ({@code stack-tests/target/}). */
    static Path file() {
        return StackPaths.stackDir().resolveSibling("fault-figures.md");
    }

    void report() {
        String statuses = byStatus.entrySet().stream()
                .map(e -> (e.getKey() == 0 ? "no answer" : e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", "));
        String row = String.format(
                "| %s | %d | %s | %d | %d | %d | %s | %s | %s |%n",
                fault, requests, statuses, accepted, stored, lost, seconds(outage), seconds(recovery), note);
        System.out.print("FAULT FIGURES " + row);
        Path file = file();
        try {
            if (!Files.exists(file)) {
                Files.writeString(
                        file,
                        "| fault | requests | answers by status | uploads accepted | records stored | records lost"
                                + " | fault lasted | recovery | note |\n|---|---|---|---|---|---|---|---|---|\n",
                        StandardCharsets.UTF_8);
            }
            Files.writeString(file, row, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String seconds(Duration duration) {
        return duration == null ? "–" : String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
