package io.zoolens.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Memory figures of a process from {@code /proc/<pid>/status}, and its children from {@code /proc/<pid>/stat}. */
public record ProcStatus(long rssBytes, long peakRssBytes) {

    /** The process's current and peak resident memory, or empty when it is gone. */
    public static Optional<ProcStatus> of(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Parses {@code VmRSS} and {@code VmHWM} (the kernel's high-water mark of RSS) from a status file. */
    static ProcStatus parse(String status) {
        long rss = 0;
        long peak = 0;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                rss = kilobytes(line) * 1024;
            } else if (line.startsWith("VmHWM:")) {
                peak = kilobytes(line) * 1024;
            }
        }
        return new ProcStatus(rss, Math.max(peak, rss));
    }

    /** {@code VmRSS:\t  123456 kB} → 123456. */
    static long kilobytes(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    /** The pids whose parent is {@code pid} (Nginx's workers under its master). */
    public static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    if (parentPid(Files.readString(entry.resolve("stat"))) == pid) {
                        children.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return children;
    }

    /** Field 4 of {@code /proc/<pid>/stat}; the command name before it may contain spaces and parentheses. */
    static long parentPid(String stat) {
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        return Long.parseLong(afterName.split(" ")[1]);
    }
}
