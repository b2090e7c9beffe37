package io.zoolens.bench.report;

import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.scenario.MixedScenario;
import io.zoolens.bench.system.MachineInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders the "Load" section of docs/reliability.md from a {@code make soak} run. */
public final class ReliabilityReport {

    public static final String LOAD_BLOCK = "reliability:load";
    public static final String SKELETON = "# Reliability\n\n";
    private static final List<String> CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "no answer");

    private ReliabilityReport() {}

    public static String load(MixedScenario.Results results, MachineInfo machine, Instant started, int concurrency) {
        KindStats total = results.result().total();
        boolean clean = results.serverErrorsOtherThan503() == 0 && results.lost() == 0;
        StringBuilder out = new StringBuilder();
        out.append("## Load\n\n");
        out.append(String.format(
                Locale.ROOT,
                "`make soak`, run %s on %s: %d mixed requests at concurrency %d through the gateway over TLS, each"
                        + " client its own signed-in account (%d accounts), in %s (%s requests/s).\n\n",
                BenchmarkReport.WHEN.format(started),
                machine.describe(),
                total.count(),
                concurrency,
                results.users(),
                BenchmarkReport.minutes(results.result().window()),
                Format.number(results.result().requestsPerSecond())));
        List<String> header = new ArrayList<>(List.of("kind", "requests"));
        header.addAll(CLASSES);
        header.addAll(List.of("503", "p50 (2xx)", "p99 (2xx)"));
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, KindStats> kind : results.result().kinds().entrySet()) {
            rows.add(row(kind.getKey(), kind.getValue()));
        }
        rows.add(row("**all**", total));
        out.append(Format.table(header, rows)).append('\n');
        out.append(Format.table(
                List.of("check", "measured", "result"),
                List.of(
                        List.of(
                                "no 5xx other than 503 (and every request answered)",
                                Long.toString(results.serverErrorsOtherThan503()),
                                verdict(results.serverErrorsOtherThan503() == 0)),
                        List.of(
                                "stored results = accepted uploads (201, 202)",
                                results.stored() + " stored, " + results.accepted() + " accepted",
                                verdict(results.lost() == 0)))));
        out.append('\n').append(clean ? "Result: **PASS**\n" : "Result: **FAIL**\n");
        return out.toString();
    }

    private static List<String> row(String kind, KindStats stats) {
        List<String> row = new ArrayList<>(List.of(kind, Long.toString(stats.count())));
        Map<String, Long> classes = stats.statusClasses();
        CLASSES.forEach(c -> row.add(Long.toString(classes.getOrDefault(c, 0L))));
        row.add(Long.toString(stats.shed()));
        row.add(Format.ms(stats.successMillis(50)));
        row.add(Format.ms(stats.successMillis(99)));
        return row;
    }

    private static String verdict(boolean pass) {
        return pass ? "**PASS**" : "**FAIL**";
    }
}
