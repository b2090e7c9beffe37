package io.zoolens.classifier.training;

import java.util.List;

/** Bodies and answers of {@code /v1/features}. */
final class FeatureRequests {

    private FeatureRequests() {}

    /** Which of these pictures (by SHA-256 of their bytes) have no cached vector for this backbone version. */
    record MissingRequest(String backbone, String backboneVersion, List<String> sha256) {}

    record MissingResponse(BackboneRef backbone, List<String> missing) {}

    /** One picture of a features request, in part order: its hash (the cache key) and vector length. */
    record PictureFeatures(String sha256, int dimension) {}

    record FeaturesResponse(BackboneRef backbone, List<PictureFeatures> pictures) {}
}
