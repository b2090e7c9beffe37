package io.zoolens.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.TestServers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** The stats pipeline as the embedded wire server runs it (the same stages real MongoDB runs). */
@DataMongoTest
@Import({StatsService.class, StatsServiceTests.FixedClock.class})
class StatsServiceTests {

    @Autowired
    StatsService stats;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void groupsByLabelModelDayAndFeedback() {
        String owner = "stats-" + UUID.randomUUID();
        insert(owner, "DONE", "cat", "1", "2026-11-25", true);
        insert(owner, "DONE", "cat", "1", "2026-11-25", false);
        insert(owner, "DONE", "cat", "2", "2026-11-20", null);
        insert(owner, "DONE", "dog", "2", "2026-10-01", true);
        insert(owner, "PENDING", null, null, "2026-11-25", null);
        insert("someone-else", "DONE", "cat", "1", "2026-11-25", true);

        StatsResponse answer = stats.stats(owner);

        assertThat(answer.totals().classifications()).isEqualTo(5);
        assertThat(answer.totals().pending()).isEqualTo(1);
        assertThat(answer.totals().withFeedback()).isEqualTo(3);
        assertThat(answer.totals().correct()).isEqualTo(2);
        assertThat(answer.labels()).extracting(StatsResponse.LabelStats::label).containsExactly("cat", "dog");
        assertThat(answer.labels().get(0).count()).isEqualTo(3);
        assertThat(answer.labels().get(0).accuracy()).isEqualTo(0.5);
        assertThat(answer.models())
                .extracting(StatsResponse.ModelStats::version)
                .containsExactly("1", "2");
        assertThat(answer.models().get(1).accuracy()).isEqualTo(1.0);
        assertThat(answer.days()).hasSize(30);
        assertThat(answer.days().get(29).date()).isEqualTo("2026-11-25");
        assertThat(answer.days().get(29).count()).isEqualTo(3);
        assertThat(answer.days().get(29).wrong()).isEqualTo(1);
        assertThat(answer.days().get(24).count()).isEqualTo(1);
        assertThat(answer.days()).noneMatch(day -> day.date().equals("2026-10-01"));
    }

    @Test
    void nothingFoundItemsAreCountedApartAndTheLabelsAddUpToTheDoneItems() {
        String owner = "nothing-" + UUID.randomUUID();
        insert(owner, "DONE", "cat", "1", "2026-11-25", true);
        insert(owner, "DONE", "cat", "1", "2026-11-25", false);
        insert(owner, "DONE", null, "1", "2026-11-25", true);
        insert(owner, "DONE", null, "1", "2026-11-24", null);
        insert(owner, "FAILED", null, null, "2026-11-25", null);
        insert(owner, "PENDING", null, null, "2026-11-25", null);

        StatsResponse answer = stats.stats(owner);

        StatsResponse.Totals totals = answer.totals();
        assertThat(totals.classifications()).isEqualTo(6);
        assertThat(totals.recognised()).isEqualTo(2);
        assertThat(totals.nothingFound()).isEqualTo(2);
        assertThat(totals.failed()).isEqualTo(1);
        assertThat(totals.pending()).isEqualTo(1);
        assertThat(totals.withFeedback()).isEqualTo(3);
        assertThat(totals.nothingFoundWithFeedback()).isEqualTo(1);
        assertThat(totals.correct()).isEqualTo(1);
        assertThat(totals.accuracy()).isEqualTo(0.5);
        assertThat(answer.labels()).extracting(StatsResponse.LabelStats::label).containsExactly("cat", null);
        StatsResponse.LabelStats nothing = answer.labels().get(1);
        assertThat(nothing.nothingFound()).isTrue();
        assertThat(nothing.count()).isEqualTo(2);
        assertThat(nothing.withFeedback()).isEqualTo(1);
        assertThat(nothing.correct()).isEqualTo(1);
        assertThat(nothing.accuracy()).isNull();
        assertThat(answer.labels().stream()
                        .mapToLong(StatsResponse.LabelStats::count)
                        .sum())
                .isEqualTo(totals.recognised() + totals.nothingFound());
        assertThat(answer.models().get(0).count()).isEqualTo(4);
        assertThat(answer.models().get(0).accuracy()).isEqualTo(0.5);
        assertThat(answer.days().get(29).correct()).isEqualTo(1);
        assertThat(answer.days().get(29).wrong()).isEqualTo(1);
    }

    private void insert(String owner, String status, String label, String version, String day, Boolean correct) {
        Document doc = new Document("ownerId", owner).append("status", status).append("createdDay", day);
        if (label != null) {
            doc.append("topLabel", label);
        }
        if (version != null) {
            doc.append("model", new Document("name", "coco-centernet").append("version", version));
        }
        if (correct != null) {
            doc.append("feedback", new Document("correct", correct));
        }
        mongo.insert(doc, "classifications");
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);
        }
    }
}
