package io.zoolens.api.stats;

import java.util.List;

/**
 * {@code GET /api/stats}; {@code accuracy} is {@code null} where there is no feedback yet. Accuracy counts only
 * recognised items: feedback on an item where nothing was recognised ("What is it?") is counted apart.
 */
record StatsResponse(Totals totals, List<LabelStats> labels, List<ModelStats> models, List<DayStats> days) {

    /**
     * @param classifications every upload (any status)
     * @param recognised DONE items with a label at their upload's thresholds; {@code nothingFound} the other DONE
     *     items, so {@code recognised + nothingFound + pending + failed == classifications}
     * @param withFeedback items with feedback, recognised or not
     * @param correct recognised items confirmed right; {@code accuracy} is over recognised items with feedback
     * @param nothingFoundWithFeedback items where nothing was recognised that got feedback
     */
    record Totals(
            long classifications,
            long pending,
            long failed,
            long recognised,
            long nothingFound,
            long withFeedback,
            long correct,
            Double accuracy,
            long nothingFoundWithFeedback) {}

    /**
     * Items whose top label was {@code label}, and how often feedback called that right; the last entry (only
     * when there are such items) has {@code label} {@code null} and {@code nothingFound} {@code true}: the items
     * where nothing was recognised, {@code correct} counting those confirmed as "nothing here", {@code accuracy}
     * always {@code null}. The counts add up to the DONE items.
     */
    record LabelStats(
            String label, long count, long withFeedback, long correct, Double accuracy, boolean nothingFound) {}

    /** Per model version: DONE items; feedback and accuracy over the recognised ones. */
    record ModelStats(String name, String version, long count, long withFeedback, long correct, Double accuracy) {}

    /** Uploads on one UTC day with the feedback their recognised items have received. */
    record DayStats(String date, long count, long correct, long wrong) {}
}
