package io.zoolens.api.stats;

import java.util.List;

/** {@code GET /api/stats}; {@code accuracy} is {@code null} where there is no feedback yet. */
record StatsResponse(Totals totals, List<LabelStats> labels, List<ModelStats> models, List<DayStats> days) {

    record Totals(long classifications, long pending, long withFeedback, long correct, Double accuracy) {}

    /** Items whose top label was {@code label}, and how often feedback called that right. */
    record LabelStats(String label, long count, long withFeedback, long correct, Double accuracy) {}

    record ModelStats(String name, String version, long count, long withFeedback, long correct, Double accuracy) {}

    /** Uploads on one UTC day with the feedback they have received. */
    record DayStats(String date, long count, long correct, long wrong) {}
}
