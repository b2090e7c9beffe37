package io.zoolens.api.classification;

import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.Rejection;
import java.util.List;

/**
 * A stored answer read with some {@link Thresholds}: what the result view and the public JSON show.
 *
 * @param recognised whether any label reaches {@code minScore} and the model did not answer {@code unknown}
 * @param top the best label when recognised, else {@code null}
 * @param labels the best {@code topK} labels scoring at least {@code minScore}, best first (guesses, not an
 *     answer, when {@code unknown})
 * @param objects the objects scoring at least {@code minScore}, best first
 * @param hints when not recognised: the best few labels (down to {@link Result#HINT_FLOOR}), all below {@code
 *     minScore} unless the answer is {@code unknown}; else empty
 * @param labelCount how many labels the stored answer has ("show all labels")
 * @param applied the thresholds this reading was made with
 * @param unknown the model's reject rule said the photo is none of its classes
 * @param reject that rule's reasons and measurements, {@code null} for models without one
 */
public record Reading(
        boolean recognised,
        LabelScore top,
        List<LabelScore> labels,
        List<Detection> objects,
        List<LabelScore> hints,
        int labelCount,
        Thresholds applied,
        boolean unknown,
        Rejection reject) {}
