package io.zoolens.api.classification;

import io.zoolens.api.classification.Classification.Failure;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Rejection;
import io.zoolens.api.classifier.Timings;
import java.time.Instant;
import java.util.List;

/**
 * A classification as the API shows it (see docs/api.md): the stored answer read with some {@link Thresholds}.
 *
 * @param recognised whether a label reaches {@code applied.minScore} and the answer is not {@code unknown};
 *     {@code null} unless DONE
 * @param unknown the model (a custom model with a reject rule) says the photo is none of its classes: the labels
 *     are guesses and the best of them the hints; always {@code false} for models without a rule
 * @param reject why, with the measured values beside the rule's thresholds; {@code null} for models without a rule
 * @param hints when nothing is recognised, the best few labels ("not confident, but maybe"; for an unknown answer
 *     "closest")
 * @param labelCount how many labels the stored answer has, for "show all labels"
 * @param album the album's id and name, {@code null} when not filed ({@code albumId} stays for older clients)
 * @param customModel the owner's custom model that answered (uploaded with {@code customModelId}), {@code null}
 *     for the classifier's models and for a custom model deleted since
 * @param trainingExample set when feedback on a custom model's answer filed the item into a class's album: it
 *     teaches that model's next version
 */
record ClassificationResponse(
        String id,
        Status status,
        Instant createdAt,
        Instant classifiedAt,
        String originalFilename,
        ImageResponse image,
        ModelUsed model,
        Boolean recognised,
        boolean unknown,
        Rejection reject,
        String topLabel,
        Double topScore,
        List<LabelScore> labels,
        List<Detection> objects,
        List<LabelScore> hints,
        int labelCount,
        Thresholds applied,
        Timings timings,
        String albumId,
        AlbumRef album,
        Feedback feedback,
        Failure error,
        int attempts,
        CustomModelRef customModel,
        ExampleRef trainingExample) {

    static String location(String id) {
        return "/api/classifications/" + id;
    }

    static ClassificationResponse of(Classification c, Thresholds shown, AlbumRef album, CustomModelRef customModel) {
        var upload = c.upload();
        var outcome = c.outcome();
        var image = upload.image();
        String base = location(c.id());
        Reading reading = c.reading(shown);
        LabelScore top = reading.top();
        return new ClassificationResponse(
                c.id(),
                c.status(),
                upload.createdAt(),
                outcome.classifiedAt(),
                upload.originalFilename(),
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
                outcome.model(),
                c.status() == Status.DONE ? reading.recognised() : null,
                reading.unknown(),
                reading.reject(),
                top == null ? null : top.label(),
                top == null ? null : top.score(),
                reading.labels(),
                reading.objects(),
                reading.hints(),
                reading.labelCount(),
                reading.applied(),
                outcome.timings(),
                c.albumId(),
                album,
                c.feedback(),
                outcome.error(),
                c.worker().attempts(),
                customModel,
                c.trainingExample() == null
                        ? null
                        : new ExampleRef(
                                c.trainingExample().modelId(),
                                c.trainingExample().label(),
                                c.trainingExample().addedAt()));
    }

    record ImageResponse(
            String contentType, int width, int height, long bytes, String sha256, String url, String thumbnailUrl) {}

    /** A custom model that answered: its id, name now, and the version that answered (or was asked for). */
    record CustomModelRef(String id, String name, String version) {}

    /** The item as a feedback example: of which model, for which class, since when. */
    record ExampleRef(String modelId, String label, Instant addedAt) {}

    /** The album an item is filed in. */
    record AlbumRef(String id, String name) {}
}
