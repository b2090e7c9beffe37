package io.zoolens.bench.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The machine a run measured: cores as {@code nproc} counts them, CPU model, memory, and the load average when the
 * run started (a busy machine explains slow numbers).
 */
public record MachineInfo(int cores, String cpu, long memoryBytes, String loadAverage, String java) {

    public static MachineInfo current() {
        int cores = Command.firstLine("nproc")
                .map(MachineInfo::parseIntOrZero)
                .filter(n -> n > 0)
                .orElse(Runtime.getRuntime().availableProcessors());
        return new MachineInfo(
                cores,
                cpu(read(Path.of("/proc/cpuinfo")).orElse("")),
                memTotal(read(Path.of("/proc/meminfo")).orElse("")),
                read(Path.of("/proc/loadavg"))
                        .map(MachineInfo::parseLoadAverage)
                        .orElse("?"),
                JavaRuntime.version());
    }

    /** {@code 2 cores (nproc), AMD EPYC, 23.4 GiB} */
    public String describe() {
        return String.format(
                Locale.ROOT, "%d cores (nproc), %s, %.1f GiB RAM", cores, cpu, memoryBytes / (1024.0 * 1024 * 1024));
    }

    /**
     * The model and its widest vector extensions ({@code Intel Xeon …, AVX2 AVX-512F AMX}): TensorFlow's speed, and
     * so every ratio against it, depends on them.
     */
    static String cpu(String cpuinfo) {
        String extensions = vectorExtensions(cpuinfo);
        return cpuModel(cpuinfo) + (extensions.isEmpty() ? ", no AVX2" : ", " + extensions);
    }

    static String vectorExtensions(String cpuinfo) {
        List<String> flags = cpuinfo.lines()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .map(l -> List.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                .orElse(List.of());
        List<String> named = new ArrayList<>();
        if (flags.contains("avx2")) {
            named.add("AVX2");
        }
        if (flags.contains("avx512f")) {
            named.add("AVX-512F");
        }
        if (flags.contains("avx512_vnni") || flags.contains("avx_vnni")) {
            named.add("VNNI");
        }
        if (flags.contains("amx_tile")) {
            named.add("AMX");
        }
        return String.join(" ", named);
    }

    static String cpuModel(String cpuinfo) {
        return cpuinfo.lines()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown CPU");
    }

    /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}. */
    static String parseLoadAverage(String loadavg) {
        String[] fields = loadavg.trim().split("\\s+");
        return String.join(" ", Arrays.asList(fields).subList(0, Math.min(3, fields.length)));
    }

    static long memTotal(String meminfo) {
        return meminfo.lines()
                .filter(l -> l.startsWith("MemTotal:"))
                .map(l -> ProcStatus.kilobytes(l) * 1024)
                .findFirst()
                .orElse(0L);
    }

    private static int parseIntOrZero(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
