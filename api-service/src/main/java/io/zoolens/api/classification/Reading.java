package io.zoolens.api.classification;

import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import java.util.List;

/**
 * A stored answer read with some {@link Thresholds}: what the result view and the public JSON show.
 *
 * @param recognised whether any label reaches {@code minScore}
 * @param top the best label when recognised, else {@code null}
 * @param labels the best {@code topK} labels scoring at least {@code minScore}, best first
 * @param objects the objects scoring at least {@code minScore}, best first
 * @param hints when not recognised: the best few labels below {@code minScore} (down to {@link Result#HINT_FLOOR});
 *     else empty
 * @param labelCount how many labels the stored answer has ("show all labels")
 * @param applied the thresholds this reading was made with
 */
public record Reading(
        boolean recognised,
        LabelScore top,
        List<LabelScore> labels,
        List<Detection> objects,
        List<LabelScore> hints,
        int labelCount,
        Thresholds applied) {}
