package io.zoolens.api.custommodel;

import static io.zoolens.api.custommodel.CustomModelIT.awaitEnd;
import static io.zoolens.api.custommodel.CustomModelIT.model;
import static io.zoolens.api.custommodel.CustomModelIT.train;
import static io.zoolens.api.custommodel.CustomModelIT.trainableAlbums;
import static io.zoolens.api.custommodel.CustomModelIT.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A model or an account deleted while the classifier is away (the stub's HTTP server stopped: connections
 * refused) still loses its classifier folder and cached features: the deletion waits in
 * {@code pendingModelDeletions} and is retried until the classifier, started again on the same port, confirms it.
 * So does a version, for the job that wrote it only: a version of that number written since by another job stays.
 * Also: a training sends its job's id, which makes the classifier's training call idempotent.
 */
class ClassifierCleanupIT extends ApiIntegrationTest {

    private static final String PENDING = "pendingModelDeletions";

    @Autowired
    MongoTemplate mongo;

    @Test
    void aModelDeletedWhileTheClassifierIsAwayLosesItsFolderOnceItIsBack() throws Exception {
        Browser owner = signedIn("cleanup-model");
        String modelId = model(owner, "Away", trainableAlbums(owner, 2, 5));
        String jobId = train(owner, modelId);
        JsonNode end = awaitEnd(owner, modelId, jobId);
        assertThat(end.path("state").asString()).as("%s", end).isEqualTo("SUCCEEDED");
        assertThat(classifier().training().jobIds()).as("the job's id is sent").contains(jobId);
        String folder = "u-" + userId(owner) + "-" + modelId;
        assertThat(classifier().training().versions(folder)).containsExactly("1");

        classifier().stop();
        try {
            assertThat(owner.delete("/api/custom-models/" + modelId).status()).isEqualTo(204);
            assertThat(owner.get("/api/custom-models/" + modelId).status()).isEqualTo(404);
            Document pending = mongo.findById("MODEL_FOLDER:" + folder, Document.class, PENDING);
            assertThat(pending).as("recorded for later").isNotNull();
            assertThat(pending.getString("target")).isEqualTo(folder);
            // Retried (and failing) while the classifier stays away; nothing is lost.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts("MODEL_FOLDER:" + folder) >= 2);
            assertThat(classifier().training().versions(folder)).containsExactly("1");
        } finally {
            classifier().start();
        }

        Awaitility.await("the folder deleted once the classifier is back")
                .atMost(Duration.ofSeconds(15))
                .until(() -> classifier().training().versions(folder).isEmpty());
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> mongo.findById("MODEL_FOLDER:" + folder, Document.class, PENDING) == null);
    }

    @Test
    void anAccountDeletedWhileTheClassifierIsAwayLosesItsFoldersAndFeaturesOnceItIsBack() {
        Browser owner = signedIn("cleanup-account");
        String modelId = model(owner, "Leaving", trainableAlbums(owner, 2, 5));
        assertThat(awaitEnd(owner, modelId, train(owner, modelId)).path("state").asString())
                .isEqualTo("SUCCEEDED");
        String userId = userId(owner);
        String folder = "u-" + userId + "-" + modelId;
        assertThat(classifier().training().cached(userId)).hasSize(10);

        classifier().stop();
        try {
            assertThat(owner.delete("/api/account").status()).isEqualTo(204);
            assertThat(List.of("MODEL_FOLDER:" + folder, "FEATURES:" + userId))
                    .allMatch(id -> mongo.findById(id, Document.class, PENDING) != null);
        } finally {
            classifier().start();
        }

        Awaitility.await("features and folder deleted once the classifier is back")
                .atMost(Duration.ofSeconds(15))
                .until(() -> classifier().training().cached(userId).isEmpty()
                        && classifier().training().versions(folder).isEmpty());
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> mongo.findById("MODEL_FOLDER:" + folder, Document.class, PENDING) == null
                        && mongo.findById("FEATURES:" + userId, Document.class, PENDING) == null);
    }

    @Test
    void aVersionDeletedWhileTheClassifierIsAwayGoesOnceItIsBackUnlessItsNumberWasWrittenAgain() {
        Browser owner = signedIn("cleanup-version");
        String modelId = model(owner, "Versions", trainableAlbums(owner, 2, 5));
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String jobId = train(owner, modelId);
            assertThat(awaitEnd(owner, modelId, jobId).path("state").asString()).isEqualTo("SUCCEEDED");
            jobs.add(jobId);
        }
        String folder = "u-" + userId(owner) + "-" + modelId;
        assertThat(classifier().training().versions(folder)).containsExactly("1", "2", "3");
        String first = "VERSION:" + folder + "/1:" + jobs.get(0);
        String second = "VERSION:" + folder + "/2:" + jobs.get(1);

        classifier().stop();
        try {
            assertThat(owner.delete("/api/custom-models/" + modelId + "/versions/1")
                            .status())
                    .isEqualTo(204);
            assertThat(owner.delete("/api/custom-models/" + modelId + "/versions/2")
                            .status())
                    .isEqualTo(204);
            Document pending = mongo.findById(first, Document.class, PENDING);
            assertThat(pending).as("recorded for later").isNotNull();
            assertThat(pending.getString("kind")).isEqualTo("VERSION");
            assertThat(pending.getString("target")).isEqualTo(folder + "/1");
            assertThat(pending.getString("jobId")).isEqualTo(jobs.get(0));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> attempts(first) >= 2);
            // Meanwhile version 2 went by another way, and a training of another job wrote the number again.
            classifier().training().removeVersion(folder, "2");
            classifier().training().replaceVersion(folder, "2", "a-later-job");
        } finally {
            classifier().start();
        }

        Awaitility.await("both retried once the classifier is back")
                .atMost(Duration.ofSeconds(15))
                .until(() -> mongo.findById(first, Document.class, PENDING) == null
                        && mongo.findById(second, Document.class, PENDING) == null);
        assertThat(classifier().training().versions(folder))
                .as("version 1 deleted; the newer version 2 (version-replaced) kept")
                .containsExactly("3", "2");
    }

    private int attempts(String id) {
        Document pending = mongo.findById(id, Document.class, PENDING);
        return pending == null ? 0 : pending.getInteger("attempts", 0);
    }
}
