package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classification.Classification.Failure;
import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classification.Classification.StoredImage;
import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Rejection;
import io.zoolens.api.classifier.Timings;
import io.zoolens.api.support.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The stored shape of a classification: flat, with the field names documents have always had, although the record
 * is made of parts. Documents written before the parts existed read back whole.
 */
@DataMongoTest
class ClassificationStorageTests {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** Every field a DONE item had when {@code Classification} was one flat record of 25 components. */
    private static final List<String> DONE_FIELDS = List.of(
            "_id",
            "_class",
            "ownerId",
            "status",
            "createdAt",
            "createdDay",
            "classifiedAt",
            "originalFilename",
            "image",
            "requestedModel",
            "thresholds",
            "model",
            "topLabel",
            "topScore",
            "labels",
            "objects",
            "labelKeys",
            "timings",
            "albumId",
            "feedback",
            "attempts",
            "requestId");

    @Autowired
    ClassificationRepository repository;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void aDocumentStoredBeforeThePartsReadsBackWhole() {
        ObjectId original = new ObjectId();
        ObjectId thumbnail = new ObjectId();
        Document stored = new Document("ownerId", "owner-old")
                .append("_class", Classification.class.getName())
                .append("status", "DONE")
                .append("createdAt", Date.from(NOW))
                .append("createdDay", "2026-11-25")
                .append("classifiedAt", Date.from(NOW.plusSeconds(1)))
                .append("originalFilename", "cat.png")
                .append(
                        "image",
                        new Document("sha256", "ab12")
                                .append("contentType", "image/png")
                                .append("width", 40)
                                .append("height", 30)
                                .append("bytes", 1234L)
                                .append("originalFileId", original)
                                .append("thumbnailFileId", thumbnail))
                .append("requestedModel", "coco-centernet")
                .append("thresholds", new Document("topK", 3).append("minScore", 0.2))
                .append(
                        "model",
                        new Document("name", "coco-centernet")
                                .append("version", "1")
                                .append("task", "detection"))
                .append("topLabel", "cat")
                .append("topScore", 0.71)
                .append("labels", List.of(new Document("label", "cat").append("score", 0.71)))
                .append(
                        "objects",
                        List.of(new Document("label", "cat")
                                .append("score", 0.6)
                                .append(
                                        "box",
                                        new Document("x", 1.0)
                                                .append("y", 2.0)
                                                .append("width", 3.0)
                                                .append("height", 4.0))))
                .append("labelKeys", List.of("cat"))
                .append(
                        "timings",
                        new Document("decodeMs", 1.5)
                                .append("preprocessMs", 2.5)
                                .append("inferenceMs", 3.5)
                                .append("classifierMs", 9.0))
                .append("albumId", "album-1")
                .append(
                        "feedback",
                        new Document("correct", false)
                                .append("label", "lynx")
                                .append("givenAt", Date.from(NOW.plusSeconds(2))))
                .append("error", new Document("type", "odd").append("detail", "kept as it was"))
                .append("attempts", 2)
                .append("nextAttemptAt", Date.from(NOW.plusSeconds(3)))
                .append("leaseUntil", Date.from(NOW.plusSeconds(4)))
                .append("leaseToken", "token-1")
                .append("requestId", "req-1");
        mongo.insert(stored, "classifications");

        Classification item =
                repository.findById(stored.getObjectId("_id").toHexString()).orElseThrow();

        assertThat(item.ownerId()).isEqualTo("owner-old");
        assertThat(item.status()).isEqualTo(Status.DONE);
        assertThat(item.upload())
                .isEqualTo(new Classification.Upload(
                        NOW,
                        "2026-11-25",
                        "cat.png",
                        new StoredImage("ab12", "image/png", 40, 30, 1234L, original, thumbnail),
                        "coco-centernet",
                        new Thresholds(3, 0.2),
                        "req-1",
                        null));
        assertThat(item.outcome())
                .isEqualTo(new Classification.Outcome(
                        NOW.plusSeconds(1),
                        new ModelUsed("coco-centernet", "1", "detection"),
                        "cat",
                        0.71,
                        List.of(new LabelScore("cat", 0.71)),
                        List.of(new Detection("cat", 0.6, new Detection.Box(1, 2, 3, 4))),
                        new Timings(1.5, 2.5, 3.5, 9.0),
                        new Failure("odd", "kept as it was"),
                        null,
                        null));
        assertThat(item.labelKeys()).containsExactly("cat");
        assertThat(item.albumId()).isEqualTo("album-1");
        assertThat(item.feedback()).isEqualTo(new Feedback(false, "lynx", NOW.plusSeconds(2)));
        assertThat(item.worker())
                .isEqualTo(new Classification.WorkerState(2, NOW.plusSeconds(3), NOW.plusSeconds(4), "token-1"));
        assertThat(repository.existsByUploadImageOriginalFileId(original)).isTrue();
        assertThat(repository.existsByUploadImageOriginalFileId(new ObjectId())).isFalse();
    }

    @Test
    void aNewItemIsStoredFlatWithTheFieldNamesDocumentsAlwaysHad() {
        StoredImage image = new StoredImage("cd34", "image/png", 40, 30, 99L, new ObjectId(), new ObjectId());
        Classification item = Classification.uploaded(
                        "owner-new", NOW, "dog.png", "coco-centernet", Thresholds.DEFAULT, "album-2", "req-2")
                .withImage(image)
                .withResult(answer(), NOW.plusSeconds(1));
        String id = repository.insert(item).id();
        new ClassificationUpdates(mongo).setFeedback(id, "owner-new", new Feedback(true, null, NOW), List.of("dog"));

        Document stored = mongo.findById(id, Document.class, "classifications");

        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(DONE_FIELDS);
        assertThat(stored.get("image", Document.class).keySet())
                .containsExactlyInAnyOrder(
                        "sha256", "contentType", "width", "height", "bytes", "originalFileId", "thumbnailFileId");
        assertThat(stored.get("model", Document.class))
                .isEqualTo(new Document("name", "coco-centernet")
                        .append("version", "1")
                        .append("task", "detection"));
        assertThat(stored.get("timings", Document.class).keySet())
                .containsExactlyInAnyOrder("decodeMs", "preprocessMs", "inferenceMs", "classifierMs");
        assertThat(stored.getList("objects", Document.class).get(0).get("box", Document.class))
                .isEqualTo(new Document("x", 5.0)
                        .append("y", 6.0)
                        .append("width", 7.0)
                        .append("height", 8.0));
        assertThat(stored.getString("topLabel")).isEqualTo("dog");
        assertThat(stored.getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void aPendingItemKeepsEmptyResultListsAndItsSchedule() {
        Classification pending = Classification.uploaded("owner-pending", NOW, "a.png", null, null, null, null)
                .retryAt(NOW.plusSeconds(5));

        Document stored = mongo.findById(repository.insert(pending).id(), Document.class, "classifications");

        assertThat(stored.keySet())
                .containsExactlyInAnyOrder(
                        "_id",
                        "_class",
                        "ownerId",
                        "status",
                        "createdAt",
                        "createdDay",
                        "originalFilename",
                        "labels",
                        "objects",
                        "labelKeys",
                        "attempts",
                        "nextAttemptAt",
                        "leaseUntil");
        assertThat(stored.getList("labels", Object.class)).isEmpty();
        Classification read =
                repository.findById(stored.getObjectId("_id").toHexString()).orElseThrow();
        assertThat(read.worker().nextAttemptAt()).isEqualTo(NOW.plusSeconds(5));
        assertThat(read.ownThresholds()).isEqualTo(Thresholds.DEFAULT);
    }

    @Test
    void theWorkersResultIsWrittenInTheSameShapeAsAnUploadsResult() {
        mongo.remove(new Query(), "classifications");
        Classification pending = Classification.uploaded("owner-worker", NOW, "a.png", null, null, null, "req-3")
                .retryAt(NOW.minusSeconds(1));
        repository.insert(pending);
        ClassificationUpdates updates = new ClassificationUpdates(mongo);
        Classification claimed = updates.claimDue(NOW, Duration.ofMinutes(1)).orElseThrow();

        assertThat(updates.complete(claimed, answer(), NOW.plusSeconds(1))).isTrue();

        Document stored = mongo.findById(claimed.id(), Document.class, "classifications");
        assertThat(stored.keySet())
                .containsExactlyInAnyOrder(
                        "_id",
                        "_class",
                        "ownerId",
                        "status",
                        "createdAt",
                        "createdDay",
                        "classifiedAt",
                        "originalFilename",
                        "model",
                        "topLabel",
                        "topScore",
                        "labels",
                        "objects",
                        "labelKeys",
                        "timings",
                        "attempts",
                        "requestId");
        assertThat(stored.get("model", Document.class).keySet()).containsExactlyInAnyOrder("name", "version", "task");
        assertThat(stored.getList("labels", Document.class).get(0).keySet())
                .containsExactlyInAnyOrder("label", "score");
        assertThat(stored.get("timings", Document.class).keySet())
                .containsExactlyInAnyOrder("decodeMs", "preprocessMs", "inferenceMs", "classifierMs");
        Classification done = repository.findById(claimed.id()).orElseThrow();
        assertThat(done.outcome().labels()).containsExactly(new LabelScore("dog", 0.9));
        assertThat(done.worker().attempts()).isEqualTo(2);
    }

    @Test
    void aRefusalAndAReplacedImageAreWrittenInTheStoredShape() {
        mongo.remove(new Query(), "classifications");
        repository.insert(Classification.uploaded("owner-refused", NOW, "a.png", null, null, null, null)
                .retryAt(NOW.minusSeconds(1)));
        ClassificationUpdates updates = new ClassificationUpdates(mongo);
        Classification claimed = updates.claimDue(NOW, Duration.ofMinutes(1)).orElseThrow();
        StoredImage image = new StoredImage("ef56", "image/png", 4, 3, 9L, new ObjectId(), new ObjectId());

        updates.fail(claimed, new Failure("unsupported-image", "not an image"), NOW.plusSeconds(1));
        updates.replaceImage(claimed.id(), image);

        Document stored = mongo.findById(claimed.id(), Document.class, "classifications");
        assertThat(stored.getString("status")).isEqualTo("FAILED");
        assertThat(stored.get("error", Document.class))
                .isEqualTo(new Document("type", "unsupported-image").append("detail", "not an image"));
        assertThat(stored.get("image", Document.class).keySet())
                .containsExactlyInAnyOrder(
                        "sha256", "contentType", "width", "height", "bytes", "originalFileId", "thumbnailFileId");
        assertThat(stored)
                .doesNotContainKeys("nextAttemptAt", "leaseUntil", "leaseToken", "upload", "outcome", "worker");
        assertThat(repository.findById(claimed.id()).orElseThrow().image()).isEqualTo(image);
    }

    @Test
    void anUnknownAnswerAddsItsFlagAndRejectionInTheSameShapeFromTheUploadAndTheWorker() {
        mongo.remove(new Query(), "classifications");
        Classified unknown = new Classified(
                new ModelUsed("u-owner-m1", "1", "classification"),
                List.of(new LabelScore("bag", 0.4), new LabelScore("coat", 0.35)),
                List.of(),
                new Timings(1.0, 2.0, 3.0, 7.0),
                true,
                new Rejection(List.of("low-probability"), null, 0.965, 0.4, 0.61));
        String uploaded = repository
                .insert(Classification.uploaded("owner-u", NOW, "a.png", null, null, null, "req-4")
                        .withResult(unknown, NOW))
                .id();
        repository.insert(Classification.uploaded("owner-u", NOW, "b.png", null, null, null, "req-5")
                .retryAt(NOW.minusSeconds(1)));
        ClassificationUpdates updates = new ClassificationUpdates(mongo);
        Classification claimed = updates.claimDue(NOW, Duration.ofMinutes(1)).orElseThrow();
        assertThat(updates.complete(claimed, unknown, NOW)).isTrue();

        for (String id : List.of(uploaded, claimed.id())) {
            Document stored = mongo.findById(id, Document.class, "classifications");
            assertThat(stored.getBoolean("unknown")).isTrue();
            assertThat(stored.get("reject", Document.class))
                    .isEqualTo(new Document("reasons", List.of("low-probability"))
                            .append("minSimilarity", 0.965)
                            .append("probability", 0.4)
                            .append("minProbability", 0.61));
            assertThat(stored.get("topLabel")).isNull();
            assertThat(stored.getList("labelKeys", String.class)).isEmpty();
        }
    }

    private static Classified answer() {
        return new Classified(
                new ModelUsed("coco-centernet", "1", "detection"),
                List.of(new LabelScore("dog", 0.9)),
                List.of(new Detection("dog", 0.8, new Detection.Box(5, 6, 7, 8))),
                new Timings(1.0, 2.0, 3.0, 7.0));
    }
}
