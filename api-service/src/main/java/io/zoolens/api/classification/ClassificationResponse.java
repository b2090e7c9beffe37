package io.zoolens.api.classification;

import io.zoolens.api.classification.Classification.Failure;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.ModelUsed;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classification.Classification.Timings;
import io.zoolens.api.classifier.ClassifierApi.DetectedObject;
import io.zoolens.api.classifier.ClassifierApi.Label;
import java.time.Instant;
import java.util.List;

/** A classification as the API shows it (see docs/api.md). */
record ClassificationResponse(
        String id,
        Status status,
        Instant createdAt,
        Instant classifiedAt,
        String originalFilename,
        ImageResponse image,
        ModelUsed model,
        String topLabel,
        Double topScore,
        List<Label> labels,
        List<DetectedObject> objects,
        Timings timings,
        String albumId,
        Feedback feedback,
        Failure error,
        int attempts) {

    static String location(String id) {
        return "/api/classifications/" + id;
    }

    static ClassificationResponse of(Classification c) {
        var image = c.image();
        String base = location(c.id());
        return new ClassificationResponse(
                c.id(),
                c.status(),
                c.createdAt(),
                c.classifiedAt(),
                c.originalFilename(),
                image == null
                        ? null
                        : new ImageResponse(
                                image.contentType(),
                                image.width(),
                                image.height(),
                                image.bytes(),
                                image.sha256(),
                                base + "/image",
                                base + "/thumbnail"),
                c.model(),
                c.topLabel(),
                c.topScore(),
                c.labels() == null ? List.of() : c.labels(),
                c.objects() == null ? List.of() : c.objects(),
                c.timings(),
                c.albumId(),
                c.feedback(),
                c.error(),
                c.attempts());
    }

    record ImageResponse(
            String contentType, int width, int height, long bytes, String sha256, String url, String thumbnailUrl) {}
}
