package io.zoolens.api.classifier;

import java.util.List;

/**
 * The classifier's answer in Zoolens's own types, mapped once from its wire records ({@link ClassifierApi}) by
 * {@link ClassifierClient}: nothing past the client sees the classifier's JSON.
 *
 * @param labels every label score given, in the classifier's order
 * @param objects every object given, in the classifier's order
 * @param timings the classifier's stages and the measured round trip ({@code classifierMs})
 * @param unknown the model's reject rule says the photo is none of its classes: the labels are hints, not an answer
 * @param reject the rule's reasons and measurements, {@code null} for models without one (the default model)
 */
public record Classified(
        ModelUsed model,
        List<LabelScore> labels,
        List<Detection> objects,
        Timings timings,
        boolean unknown,
        Rejection reject) {

    /** An answer of a model without a reject rule. */
    public Classified(ModelUsed model, List<LabelScore> labels, List<Detection> objects, Timings timings) {
        this(model, labels, objects, timings, false, null);
    }

    public Classified {
        labels = labels == null ? List.of() : List.copyOf(labels);
        objects = objects == null ? List.of() : List.copyOf(objects);
    }

    /** The same answer with these objects instead (its boxes taken to another image's pixels). */
    public Classified withObjects(List<Detection> mapped) {
        return new Classified(model, labels, mapped, timings, unknown, reject);
    }
}
