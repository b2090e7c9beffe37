package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classification.Classification.Status;
import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Rejection;
import io.zoolens.api.classifier.Timings;
import io.zoolens.api.support.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The worker's lease and state transitions, against the embedded MongoDB wire server. */
@DataMongoTest
@Import(ClassificationUpdates.class)
class ClassificationUpdatesTests {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    ClassificationUpdates updates;

    @Autowired
    ClassificationRepository repository;

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @BeforeEach
    void noOtherPendingItems() {
        mongo.dropCollection(Classification.class);
    }

    @Test
    void twoWorkersClaimingAtOnceNeverGetTheSameItem() throws Exception {
        for (int i = 0; i < 5; i++) {
            repository.insert(pending("owner", NOW.minusSeconds(10 + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Optional<Classification>> claim = () -> updates.claimDue(NOW, Duration.ofMinutes(1));
            List<Future<Optional<Classification>>> claims =
                    pool.invokeAll(List.of(claim, claim, claim, claim, claim, claim, claim, claim));
            List<String> claimed = claims.stream()
                    .map(ClassificationUpdatesTests::get)
                    .flatMap(Optional::stream)
                    .map(Classification::id)
                    .toList();

            assertThat(claimed).hasSize(5).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimHidesTheItemUntilTheLeaseEndsAndCountsTheAttempt() {
        repository.insert(pending("owner", NOW.minusSeconds(1)));

        Classification claimed = updates.claimDue(NOW, Duration.ofMinutes(1)).orElseThrow();

        assertThat(claimed.worker().attempts()).isEqualTo(2);
        assertThat(claimed.worker().leaseToken()).isNotBlank();
        assertThat(updates.claimDue(NOW.plusSeconds(30), Duration.ofMinutes(1))).isEmpty();
        assertThat(updates.claimDue(NOW.plusSeconds(61), Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void itemsNotYetDueAreLeftAlone() {
        repository.insert(pending("owner", NOW.plusSeconds(30)));

        assertThat(updates.claimDue(NOW, Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void aLateWorkerWhoseLeaseWasTakenOverCannotOverwriteTheResult() {
        repository.insert(pending("owner", NOW.minusSeconds(1)));
        Classification late = updates.claimDue(NOW, Duration.ofSeconds(5)).orElseThrow();
        Classification current =
                updates.claimDue(NOW.plusSeconds(10), Duration.ofSeconds(5)).orElseThrow();

        assertThat(updates.complete(late, classified(), NOW.plusSeconds(11))).isFalse();
        assertThat(updates.complete(current, classified(), NOW.plusSeconds(11))).isTrue();

        Classification done = repository.findById(current.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(Status.DONE);
        assertThat(done.outcome().topLabel()).isEqualTo("cat");
        assertThat(done.worker().leaseToken()).isNull();
    }

    @Test
    void theWorkerStoresAnUnknownAnswerWithItsRejectionAndAKnownOneWithout() {
        repository.insert(pending("owner", NOW.minusSeconds(2)));
        repository.insert(pending("owner", NOW.minusSeconds(1)));
        Classification first = updates.claimDue(NOW, Duration.ofMinutes(1)).orElseThrow();
        Classification second = updates.claimDue(NOW, Duration.ofMinutes(1)).orElseThrow();
        Rejection why = new Rejection(List.of("low-probability"), null, null, 0.4, 0.61);
        Classified unknown = new Classified(
                new ModelUsed("u-owner-m1", "1", "classification"),
                List.of(new LabelScore("bag", 0.4), new LabelScore("coat", 0.35)),
                List.of(),
                null,
                true,
                why);

        updates.complete(first, unknown, NOW);
        updates.complete(second, classified(), NOW);

        Classification stored = repository.findById(first.id()).orElseThrow();
        assertThat(stored.outcome().unknown()).isTrue();
        assertThat(stored.outcome().reject()).isEqualTo(why);
        assertThat(stored.outcome().topLabel()).isNull();
        assertThat(stored.labelKeys()).isEmpty();
        Document known = mongo.getCollection("classifications")
                .find(new Document("_id", new ObjectId(second.id())))
                .first();
        assertThat(known).doesNotContainKeys("unknown", "reject").containsEntry("topLabel", "cat");
    }

    @Test
    void rescheduleGivesTheItemBackForLater() {
        repository.insert(pending("owner", NOW.minusSeconds(1)));
        Classification claimed = updates.claimDue(NOW, Duration.ofMinutes(5)).orElseThrow();

        updates.reschedule(claimed, NOW.plusSeconds(20));

        assertThat(updates.claimDue(NOW.plusSeconds(10), Duration.ofMinutes(5))).isEmpty();
        assertThat(updates.claimDue(NOW.plusSeconds(21), Duration.ofMinutes(5))).isPresent();
    }

    @Test
    void movingAGuestsItemsChangesOnlyTheirOwner() {
        repository.insert(pending("guest-1", NOW));
        repository.insert(pending("guest-1", NOW));
        repository.insert(pending("guest-2", NOW));

        assertThat(updates.moveOwner("guest-1", "user-1")).isEqualTo(2);

        assertThat(repository.findByOwnerId("user-1")).hasSize(2);
        assertThat(repository.findByOwnerId("guest-2")).hasSize(1);
    }

    static Classification pending(String owner, Instant nextAttemptAt) {
        Instant created = NOW.truncatedTo(ChronoUnit.MILLIS);
        return Classification.uploaded(owner, created, "a.png", null, Thresholds.DEFAULT, null, null)
                .retryAt(nextAttemptAt);
    }

    private static Classified classified() {
        return new Classified(
                new ModelUsed("coco-centernet", "1", "detection"),
                List.of(new LabelScore("cat", 0.71)),
                List.of(),
                new Timings(null, null, null, 12.0));
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
