package io.zoolens.api.stats;

import static org.springframework.data.mongodb.core.aggregation.Aggregation.group;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.match;
import static org.springframework.data.mongodb.core.aggregation.Aggregation.newAggregation;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.zoolens.api.stats.StatsResponse.DayStats;
import io.zoolens.api.stats.StatsResponse.LabelStats;
import io.zoolens.api.stats.StatsResponse.ModelStats;
import io.zoolens.api.stats.StatsResponse.Totals;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Fields;
import org.springframework.stereotype.Service;

/**
 * An owner's statistics from one aggregation: {@code $match} on the owner, {@code $group} by status, top
 * label, model, day and feedback with a count. The four views (totals, labels, models, days) are folded from
 * those groups in Java, so the pipeline uses only stages the embedded wire server implements as real MongoDB
 * does (no date operators, no {@code $cond}, no {@code $facet}). A DONE item without a top label is one where
 * nothing was recognised (the top label is stored at the upload's thresholds, and was {@code null} for an empty
 * answer before them): its own entry in {@code labels}, its feedback outside the accuracy.
 */
@Service
class StatsService {

    static final int DAYS = 30;

    private final MongoTemplate mongo;
    private final Clock clock;

    StatsService(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    StatsResponse stats(String ownerId) {
        var aggregation = newAggregation(
                match(where("ownerId").is(ownerId)),
                group(Fields.from(
                                Fields.field("status", "status"),
                                Fields.field("label", "topLabel"),
                                Fields.field("model", "model.name"),
                                Fields.field("version", "model.version"),
                                Fields.field("day", "createdDay"),
                                Fields.field("correct", "feedback.correct")))
                        .count()
                        .as("count"));
        List<Group> groups = new ArrayList<>();
        for (Document row : mongo.aggregate(aggregation, "classifications", Document.class)) {
            Document key = (Document) row.get("_id");
            groups.add(new Group(
                    key.getString("status"),
                    key.getString("label"),
                    key.getString("model"),
                    key.getString("version"),
                    key.getString("day"),
                    (Boolean) key.get("correct"),
                    ((Number) row.get("count")).longValue()));
        }
        return fold(groups, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    }

    static StatsResponse fold(List<Group> groups, LocalDate today) {
        long all = 0;
        long pending = 0;
        long failed = 0;
        Tally recognised = new Tally();
        Tally nothingFound = new Tally();
        Map<String, Tally> labels = new TreeMap<>();
        Map<List<String>, Tally> models = new LinkedHashMap<>();
        Map<String, Tally> days = new LinkedHashMap<>();
        for (int i = DAYS - 1; i >= 0; i--) {
            days.put(today.minusDays(i).toString(), new Tally());
        }
        for (Group group : groups) {
            all += group.count();
            switch (String.valueOf(group.status())) {
                case "PENDING" -> pending += group.count();
                case "FAILED" -> failed += group.count();
                case "DONE" -> done(group, recognised, nothingFound, labels, models);
                default -> {
                    // an unknown status counts in the total only
                }
            }
            Tally day = group.day() == null ? null : days.get(group.day());
            if (day != null) {
                day.addUpload(group);
            }
        }
        List<LabelStats> labelStats = new ArrayList<>(labels.entrySet().stream()
                .map(e -> new LabelStats(
                        e.getKey(),
                        e.getValue().count,
                        e.getValue().withFeedback(),
                        e.getValue().correct,
                        e.getValue().accuracy(),
                        false))
                .sorted(Comparator.comparingLong(LabelStats::count).reversed().thenComparing(LabelStats::label))
                .toList());
        if (nothingFound.count > 0) {
            labelStats.add(new LabelStats(
                    null, nothingFound.count, nothingFound.withFeedback(), nothingFound.correct, null, true));
        }
        List<ModelStats> modelStats = models.entrySet().stream()
                .map(e -> new ModelStats(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getValue().count,
                        e.getValue().withFeedback(),
                        e.getValue().correct,
                        e.getValue().accuracy()))
                .sorted(Comparator.comparing(ModelStats::name).thenComparing(ModelStats::version))
                .toList();
        List<DayStats> dayStats = days.entrySet().stream()
                .map(e -> new DayStats(e.getKey(), e.getValue().count, e.getValue().correct, e.getValue().wrong))
                .toList();
        Totals totals = new Totals(
                all,
                pending,
                failed,
                recognised.count,
                nothingFound.count,
                recognised.withFeedback() + nothingFound.withFeedback(),
                recognised.correct,
                recognised.accuracy(),
                nothingFound.withFeedback());
        return new StatsResponse(totals, List.copyOf(labelStats), modelStats, dayStats);
    }

    /**
     * A DONE group: recognised when it has a top label (stored at the upload's thresholds), else nothing found.
     * Only recognised items' feedback counts towards accuracy.
     */
    private static void done(
            Group group,
            Tally recognised,
            Tally nothingFound,
            Map<String, Tally> labels,
            Map<List<String>, Tally> models) {
        boolean wasRecognised = group.label() != null;
        (wasRecognised ? recognised : nothingFound).add(group);
        if (wasRecognised) {
            labels.computeIfAbsent(group.label(), l -> new Tally()).add(group);
        }
        if (group.model() != null) {
            Tally model =
                    models.computeIfAbsent(List.of(group.model(), String.valueOf(group.version())), m -> new Tally());
            model.count += group.count();
            if (wasRecognised) {
                model.addFeedback(group);
            }
        }
    }

    /** One row of the aggregation: how many items share these values. */
    record Group(String status, String label, String model, String version, String day, Boolean correct, long count) {}

    private static final class Tally {
        long count;
        long correct;
        long wrong;

        void add(Group group) {
            count += group.count();
            addFeedback(group);
        }

        void addFeedback(Group group) {
            if (Boolean.TRUE.equals(group.correct())) {
                correct += group.count();
            } else if (Boolean.FALSE.equals(group.correct())) {
                wrong += group.count();
            }
        }

        /** An upload that day; its feedback counts only when something was recognised. */
        void addUpload(Group group) {
            count += group.count();
            if ("DONE".equals(group.status()) && group.label() != null) {
                addFeedback(group);
            }
        }

        long withFeedback() {
            return correct + wrong;
        }

        Double accuracy() {
            return withFeedback() == 0 ? null : (double) correct / withFeedback();
        }
    }
}
