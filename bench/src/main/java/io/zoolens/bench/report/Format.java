package io.zoolens.bench.report;

import java.util.List;
import java.util.Locale;

/** Number formats and Markdown tables for the reports. */
final class Format {

    private Format() {}

    /** Milliseconds: one decimal below 100 ms, whole above; "–" for NaN. */
    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        return millis < 100
                ? String.format(Locale.ROOT, "%.1f ms", millis)
                : String.format(Locale.ROOT, "%.0f ms", millis);
    }

    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "–";
        }
        return perSecond < 100
                ? String.format(Locale.ROOT, "%.2f/s", perSecond)
                : String.format(Locale.ROOT, "%.0f/s", perSecond);
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        return value < 100 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.0f", value);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "–" : String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String mib(double bytes) {
        return Double.isNaN(bytes) || bytes <= 0 ? "–" : String.format(Locale.ROOT, "%.0f MiB", bytes / (1024 * 1024));
    }

    static String table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header)).append(" |\n");
        out.append("|").append("---|".repeat(header.size())).append("\n");
        for (List<String> row : rows) {
            out.append("| ")
                    .append(String.join(
                            " | ", row.stream().map(c -> c.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return out.toString();
    }
}
