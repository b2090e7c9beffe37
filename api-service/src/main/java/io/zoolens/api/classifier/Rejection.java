package io.zoolens.api.classifier;

import java.util.List;

/**
 * Why a model with a reject rule (a trained custom model) did or did not call a photo one of its classes: Zoolens's
 * own type, mapped once from the classifier's {@code reject} (docs/classifier-api.md#classify).
 *
 * @param reasons {@code low-similarity} and/or {@code low-probability}; empty when the top label is the answer
 * @param similarity the photo's best cosine similarity to a class centroid, {@code null} when not measured
 * @param minSimilarity the rule's threshold for it, {@code null} when the rule has none
 * @param probability the best class probability, over every class
 * @param minProbability the rule's threshold for it, {@code null} when the rule has none
 */
public record Rejection(
        List<String> reasons, Double similarity, Double minSimilarity, double probability, Double minProbability) {

    public Rejection {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
