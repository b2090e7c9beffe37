package io.zoolens.api.classification;

import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.Rejection;
import java.util.Comparator;
import java.util.List;

/**
 * What is kept of the classifier's answer ({@link Classified}): every label score it gave (best first, at most {@link
 * #MAX_LABELS}) and the objects down to {@link #OBJECT_FLOOR} (best first, at most {@link #MAX_OBJECTS}). Filtering
 * for display happens on read ({@link #read(Thresholds)}), so a result can later be shown with other thresholds. An
 * {@code unknown} answer (a custom model's reject rule: none of its classes) is never recognised, at any thresholds:
 * its labels stay, as guesses, and its best ones become the hints.
 *
 * @param reject the rule's reasons and measurements, {@code null} for models without one
 */
public record Result(List<LabelScore> labels, List<Detection> objects, boolean unknown, Rejection reject) {

    public static final int MAX_LABELS = 1000;
    public static final int MAX_OBJECTS = 100;
    public static final double OBJECT_FLOOR = 0.05;
    /** Hints below this are noise, not "maybe". */
    public static final double HINT_FLOOR = 0.05;

    public static final int MAX_HINTS = 3;

    private static final Comparator<LabelScore> BEST_LABEL_FIRST =
            Comparator.comparingDouble(LabelScore::score).reversed();
    private static final Comparator<Detection> BEST_OBJECT_FIRST =
            Comparator.comparingDouble(Detection::score).reversed();

    public Result {
        labels = labels == null ? List.of() : List.copyOf(labels);
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** An answer of a model without a reject rule. */
    public Result(List<LabelScore> labels, List<Detection> objects) {
        this(labels, objects, false, null);
    }

    /** What is kept of the classifier's answer: labels best first, objects from the floor up, both capped. */
    static Result of(Classified answer) {
        List<LabelScore> labels = answer.labels().stream()
                .sorted(BEST_LABEL_FIRST)
                .limit(MAX_LABELS)
                .toList();
        List<Detection> objects = answer.objects().stream()
                .filter(object -> object.score() >= OBJECT_FLOOR)
                .sorted(BEST_OBJECT_FIRST)
                .limit(MAX_OBJECTS)
                .toList();
        return new Result(labels, objects, answer.unknown(), answer.reject());
    }

    /** This answer as shown with {@code thresholds}. Stored lists may be in any order (older documents). */
    Reading read(Thresholds thresholds) {
        List<LabelScore> sorted = labels.stream().sorted(BEST_LABEL_FIRST).toList();
        List<LabelScore> shown = sorted.stream()
                .filter(label -> label.score() >= thresholds.minScore())
                .limit(thresholds.topK())
                .toList();
        boolean recognised = !unknown && !shown.isEmpty();
        List<LabelScore> hints = recognised
                ? List.of()
                : sorted.stream()
                        .filter(label -> label.score() >= HINT_FLOOR)
                        .limit(MAX_HINTS)
                        .toList();
        List<Detection> shownObjects = objects.stream()
                .filter(object -> object.score() >= thresholds.minScore())
                .sorted(BEST_OBJECT_FIRST)
                .toList();
        return new Reading(
                recognised,
                recognised ? shown.get(0) : null,
                shown,
                shownObjects,
                hints,
                labels.size(),
                thresholds,
                unknown,
                reject);
    }
}
