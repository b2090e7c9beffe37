package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classification.Classification.Feedback;
import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Timings;
import io.zoolens.api.support.TestServers;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The label search as the embedded wire server runs it: case-insensitive, by word prefix, plural endings dropped,
 * on the stored {@code labelKeys}; and the start-up backfill of documents from before the keys existed.
 */
@DataMongoTest
@Import({ClassificationSearch.class, ClassificationViews.class, LabelSearchTests.NoAlbums.class})
class LabelSearchTests {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    ClassificationSearch search;

    @Autowired
    ClassificationRepository repository;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void aLabelIsFoundInAnyCaseByPrefixAndInThePlural() {
        String owner = owner();
        String horse = classified(owner, Thresholds.DEFAULT, label("horse", 0.9), label("person", 0.2));
        String glass = classified(owner, Thresholds.DEFAULT, label("wine glass", 0.6));
        classified(owner, Thresholds.DEFAULT, label("cat", 0.7));

        assertThat(found(owner, "horse")).containsExactly(horse);
        assertThat(found(owner, "Horse")).containsExactly(horse);
        assertThat(found(owner, "hor")).containsExactly(horse);
        assertThat(found(owner, "horses")).containsExactly(horse);
        assertThat(found(owner, "glass")).containsExactly(glass);
        assertThat(found(owner, "Wine Glasses")).containsExactly(glass);
        assertThat(found(owner, "orse")).isEmpty();
        assertThat(found(owner, "person")).as("below the upload's threshold").isEmpty();
        assertThat(found(owner, ".*")).isEmpty();
    }

    @Test
    void theUploadsOwnThresholdsDecideWhatItIsFoundBy() {
        String owner = owner();
        String low = classified(owner, new Thresholds(5, 0.1), label("horse", 0.9), label("person", 0.2));

        assertThat(found(owner, "person")).containsExactly(low);
    }

    @Test
    void theFeedbackLabelIsFoundTooAndOnlyTheOwnersItems() {
        String owner = owner();
        String item = classified(owner, Thresholds.DEFAULT, label("vase", 0.17));
        Classification stored = repository.findById(item).orElseThrow();
        new ClassificationUpdates(mongo)
                .setFeedback(
                        item,
                        owner,
                        new Feedback(false, "Orange", NOW),
                        LabelKeys.of(stored.reading(stored.ownThresholds()).labels(), "Orange"));
        classified(owner(), Thresholds.DEFAULT, label("orange", 0.9));

        assertThat(found(owner, "oranges")).containsExactly(item);
        assertThat(found(owner, "vase")).as("nothing was recognised").isEmpty();
    }

    @Test
    void documentsFromBeforeTheKeysAreGivenThemOnceAtStartUp() {
        String owner = owner();
        Document horse = older(owner, "horse", null);
        Document corrected = older(owner, "cat", "Lynx");
        Document nothing = older(owner, null, "orange");
        Document odd = new Document("ownerId", owner)
                .append("status", "DONE")
                .append("labels", List.of("garbage", new Document("label", "dog"), new Document("score", 0.9)));
        mongo.insert(List.of(horse, corrected, nothing, odd), "classifications");
        assertThat(found(owner, "horse")).isEmpty();

        LabelKeysBackfill backfill = new LabelKeysBackfill(mongo);
        backfill.afterSingletonsInstantiated();
        backfill.afterSingletonsInstantiated();

        assertThat(found(owner, "Horses")).containsExactly(id(horse));
        assertThat(found(owner, "lyn")).containsExactly(id(corrected));
        assertThat(found(owner, "cat")).containsExactly(id(corrected));
        assertThat(found(owner, "orange")).containsExactly(id(nothing));
        assertThat(mongo.findById(id(horse), Document.class, "classifications").getList("labelKeys", String.class))
                .containsExactly("horse");
        assertThat(mongo.findById(id(odd), Document.class, "classifications").getList("labelKeys", String.class))
                .as("an odd document gets empty keys instead of stopping the start")
                .isEmpty();
    }

    private List<String> found(String owner, String label) {
        return search
                .find(owner, new ClassificationSearch.Filter(null, null, null, label, null, null, null))
                .items()
                .stream()
                .map(ClassificationResponse::id)
                .toList();
    }

    /** Stored the way an upload stores it: the answer's labels, and what the thresholds make of them. */
    private String classified(String owner, Thresholds thresholds, LabelScore... labels) {
        var answer = new Classified(
                new ModelUsed("coco-centernet", "1", "detection"),
                List.of(labels),
                List.of(),
                new Timings(null, null, null, 10.0));
        Classification item = Classification.uploaded(owner, NOW, "a.png", null, thresholds, null, null);
        return repository.insert(item.withResult(answer, NOW)).id();
    }

    /** A document as stored before issue 12: top five labels, no thresholds, no keys. */
    private static Document older(String owner, String topLabel, String feedbackLabel) {
        Document doc = new Document("ownerId", owner)
                .append("status", "DONE")
                .append("createdAt", java.util.Date.from(NOW))
                .append("createdDay", "2026-11-25")
                .append("topLabel", topLabel)
                .append(
                        "labels",
                        topLabel == null ? List.of() : List.of(new Document("label", topLabel).append("score", 0.8)))
                .append("objects", List.of())
                .append("attempts", 1);
        if (feedbackLabel != null) {
            doc.append(
                    "feedback",
                    new Document("correct", false)
                            .append("label", feedbackLabel)
                            .append("givenAt", new java.util.Date()));
        }
        return doc;
    }

    private static String id(Document doc) {
        return doc.getObjectId("_id").toHexString();
    }

    private static LabelScore label(String name, double score) {
        return new LabelScore(name, score);
    }

    private static String owner() {
        return "search-" + UUID.randomUUID();
    }

    /** No albums in these tests. */
    @TestConfiguration
    static class NoAlbums {
        @Bean
        AlbumLookup albumLookup() {
            return new AlbumLookup() {
                @Override
                public boolean exists(String albumId, String ownerId) {
                    return false;
                }

                @Override
                public Map<String, String> names(String ownerId, Collection<String> albumIds) {
                    return Map.of();
                }
            };
        }

        /** Label search does not read custom models: none are found. */
        @Bean
        CustomModelLookup customModelLookup() {
            return new CustomModelLookup() {
                @Override
                public Choice resolve(String ownerId, String modelId, String version) {
                    throw new IllegalStateException("label search classifies nothing");
                }

                @Override
                public Map<String, ModelRef> byFolder(String ownerId, Collection<String> folders) {
                    return Map.of();
                }
            };
        }
    }
}
