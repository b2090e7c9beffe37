package io.zoolens.api.custommodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.ClassifierStub;
import io.zoolens.image.testing.TestImages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/**
 * Custom models over real HTTP: CRUD and ownership, every refusal of bad input, trainings (poll, SSE, 409 for a
 * second one, cancel, classifier away, album deleted meanwhile), versions and rollback, uploads with a custom model,
 * quotas, account deletion. The classifier is the stub's {@code TrainingSide}; the real training runs in
 * stack-tests.
 */
class CustomModelIT extends ApiIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    /** Distinct pictures across the whole suite (different sizes → different bytes). */
    private static final AtomicInteger SIZE = new AtomicInteger(16);

    @Test
    void createListGetRenameDelete() {
        Browser owner = signedIn("cm-owner");
        String dogs = album(owner, "Dogs");
        String cats = album(owner, "Cats");

        Browser.Response created =
                owner.postJson("/api/custom-models", Map.of("name", "Pets", "albumIds", List.of(dogs, cats)));

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/custom-models/" + id);
        assertThat(created.json().path("backbone").asString()).isEqualTo("coco-centernet");
        assertThat(created.json().path("classes").findValuesAsString("name")).containsExactly("Dogs", "Cats");
        assertThat(created.json().path("activeVersion").isNull()).isTrue();
        assertThat(owner.get("/api/custom-models").json().findValuesAsString("id"))
                .containsExactly(id);

        Browser.Response renamed = owner.patchJson("/api/custom-models/" + id, Map.of("name", "Animals"));
        assertThat(renamed.status()).as("%s", renamed).isEqualTo(200);
        assertThat(owner.get("/api/custom-models/" + id).json().path("name").asString())
                .isEqualTo("Animals");

        Browser.Response taken =
                owner.postJson("/api/custom-models", Map.of("name", " animals ", "albumIds", List.of(dogs, cats)));
        assertThat(taken.status()).as("%s", taken).isEqualTo(409);
        assertThat(taken.problemType()).isEqualTo("model-name-taken");

        assertThat(owner.delete("/api/custom-models/" + id).status()).isEqualTo(204);
        assertThat(owner.get("/api/custom-models/" + id).status()).isEqualTo(404);
        assertThat(classifier().received())
                .anyMatch(r ->
                        r.method().equals("DELETE") && r.path().equals("/v1/models/u-" + userId(owner) + "-" + id));
    }

    @Test
    void anotherUsersModelIsNotFoundAndTheirAlbumsAreNotClasses() {
        Browser owner = signedIn("cm-victim");
        String modelId = model(owner, "Secret", trainableAlbums(owner, 2, 5));
        Browser intruder = signedIn("cm-intruder");

        assertThat(intruder.get("/api/custom-models/" + modelId).status()).isEqualTo(404);
        assertThat(intruder.patchJson("/api/custom-models/" + modelId, Map.of("name", "x"))
                        .status())
                .isEqualTo(404);
        assertThat(intruder.post("/api/custom-models/" + modelId + "/trainings").status())
                .isEqualTo(404);
        assertThat(intruder.putJson("/api/custom-models/" + modelId + "/active-version", Map.of("version", "1"))
                        .status())
                .isEqualTo(404);
        assertThat(intruder.delete("/api/custom-models/" + modelId).status()).isEqualTo(404);
        assertThat(intruder.get("/api/custom-models").json().size()).isZero();
        Browser.Response upload = intruder.upload(picture(), "a.png", Map.of("customModelId", modelId));
        assertThat(upload.status()).as("%s", upload).isEqualTo(404);
        Browser.Response guest = browser().upload(picture(), "a.png", Map.of("customModelId", modelId));
        assertThat(guest.status()).as("%s", guest).isEqualTo(404);

        List<String> victimsAlbums = owner.get("/api/albums").json().findValuesAsString("id");
        Browser.Response foreign =
                intruder.postJson("/api/custom-models", Map.of("name", "Stolen", "albumIds", victimsAlbums));
        assertThat(foreign.status()).as("%s", foreign).isEqualTo(422);
        assertThat(foreign.problemType()).isEqualTo("album-not-found");
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("name")
                        .asString())
                .isEqualTo("Secret");
    }

    @Test
    void badModelInputIsAProblem() {
        Browser owner = signedIn("cm-bad");
        String a = album(owner, "A");
        String b = album(owner, "B");

        expect(
                owner.postJson("/api/custom-models", Map.of("name", " ", "albumIds", List.of(a, b))),
                400,
                "validation-failed");
        expect(
                owner.postJson("/api/custom-models", Map.of("name", "x".repeat(101), "albumIds", List.of(a, b))),
                400,
                "validation-failed");
        expect(
                owner.postJson("/api/custom-models", Map.of("name", "One", "albumIds", List.of(a))),
                400,
                "validation-failed");
        expect(
                owner.postJson("/api/custom-models", Map.of("name", "Same twice", "albumIds", List.of(a, a))),
                400,
                "validation-failed");
        expect(
                owner.postJson(
                        "/api/custom-models",
                        Map.of("name", "Unknown", "albumIds", List.of(a, "0123456789abcdef01234567"))),
                422,
                "album-not-found");
        expect(
                owner.postJson(
                        "/api/custom-models", Map.of("name", "u-", "albumIds", List.of(a, b), "backbone", "u-x-y")),
                400,
                "validation-failed");
        String id = model(owner, "Fine", List.of(a, b));
        expect(
                owner.putJson("/api/custom-models/" + id + "/active-version", Map.of("version", "7")),
                404,
                "model-version-not-found");
        expect(owner.patchJson("/api/custom-models/" + id, Map.of("albumIds", List.of(a))), 400, "validation-failed");
        expect(owner.patchJson("/api/custom-models/" + id, Map.of("name", "")), 400, "validation-failed");
        expect(owner.get("/api/custom-models/" + id + "/trainings/0123456789abcdef01234567"), 404, "not-found");
    }

    @Test
    void classesThatCannotTrainAreRefusedBeforeAJobExists() {
        Browser owner = signedIn("cm-refused");
        String full = albumWith(owner, "Full", 5);
        String empty = album(owner, "Empty");
        expectRefused(owner, model(owner, "With empty", List.of(full, empty)), "EMPTY_CLASS");

        String four = albumWith(owner, "Four", 4);
        expectRefused(owner, model(owner, "Too few", List.of(full, four)), "TOO_FEW_PICTURES");

        String other = albumWith(owner, "Other", 5);
        byte[] shared = picture();
        owner.upload(shared, "s.png", Map.of("albumId", full));
        owner.upload(shared, "s.png", Map.of("albumId", other));
        String twice = model(owner, "Twice", List.of(full, other));
        Browser.Response refused = owner.post("/api/custom-models/" + twice + "/trainings");
        expect(refused, 422, "training-refused");
        assertThat(refused.json().path("reason").asString()).isEqualTo("PICTURE_IN_TWO_CLASSES");
        assertThat(refused.json().path("conflicts").get(0).path("sha256").asString())
                .isEqualTo(ClassifierStub.sha256(shared));
        assertThat(refused.json().path("conflicts").get(0).path("labels").values())
                .extracting(JsonNode::asString)
                .containsExactlyInAnyOrder("Full", "Other");

        String gone = albumWith(owner, "Gone", 5);
        String orphan = model(owner, "Orphan", List.of(full, gone));
        // An album gone behind the model's back (data from before the album-in-custom-model check).
        mongo.remove(Query.query(Criteria.where("_id").is(new ObjectId(gone))), "albums");
        expect(owner.post("/api/custom-models/" + orphan + "/trainings"), 422, "album-not-found");
        assertThat(owner.get("/api/custom-models/" + orphan)
                        .json()
                        .path("currentTraining")
                        .isNull())
                .isTrue();
    }

    @Test
    void aTrainingSucceedsWithProgressByPollingAndByServerSentEvents() {
        Browser owner = signedIn("cm-train");
        List<String> albums = trainableAlbums(owner, 2, 6);
        String modelId = model(owner, "Birds", albums);
        classifier().training().delayFeatures(Duration.ofMillis(150));

        Browser.Response started = owner.post("/api/custom-models/" + modelId + "/trainings");

        assertThat(started.status()).as("%s", started).isEqualTo(202);
        assertThat(started.json().path("state").asString()).isEqualTo("QUEUED");
        String jobId = started.json().path("id").asString();
        assertThat(started.header("Location")).isEqualTo("/api/custom-models/" + modelId + "/trainings/" + jobId);
        Browser.Response stream = owner.get(
                "/api/custom-models/" + modelId + "/trainings/" + jobId + "/events", "Accept", "text/event-stream");

        assertThat(stream.status()).as("%s", stream).isEqualTo(200);
        assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
        assertThat(stream.header("X-Accel-Buffering")).isEqualTo("no");
        List<String> events = stream.text()
                .lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> line.substring(5))
                .toList();
        assertThat(stream.text()).contains("event:progress");
        assertThat(events.size()).as(stream.text()).isGreaterThanOrEqualTo(3);
        assertThat(events.get(events.size() - 1)).contains("\"state\":\"SUCCEEDED\"");
        assertThat(events).anyMatch(e -> e.contains("\"stage\":\"FEATURES\""));

        JsonNode job = owner.get("/api/custom-models/" + modelId + "/trainings/" + jobId)
                .json();
        assertThat(job.path("state").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("version").asString()).isEqualTo("1");
        assertThat(job.path("done").asInt()).isEqualTo(12);
        assertThat(job.path("total").asInt()).isEqualTo(12);
        JsonNode model = owner.get("/api/custom-models/" + modelId).json();
        assertThat(model.path("activeVersion").asString()).isEqualTo("1");
        JsonNode version = model.path("versions").get(0);
        assertThat(version.path("pictures").asInt()).isEqualTo(12);
        assertThat(version.path("metrics").path("accuracy").asDouble()).isEqualTo(0.9);
        assertThat(version.path("classes").findValuesAsString("label")).containsExactly("Birds 0", "Birds 1");
        assertThat(classifier().training().featuresBatches()).isGreaterThanOrEqualTo(2); // batches of at most 8

        // Retraining sends no picture again: the classifier has their features.
        int batches = classifier().training().featuresBatches();
        assertThat(awaitEnd(owner, modelId, train(owner, modelId))
                        .path("version")
                        .asString())
                .isEqualTo("2");
        assertThat(classifier().training().featuresBatches()).isEqualTo(batches);

        // Classify with the custom model: its active version, or one named.
        Browser.Response upload = owner.upload(picture(), "b.png", Map.of("customModelId", modelId));
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        String folder = "u-" + userId(owner) + "-" + modelId;
        assertThat(classifier().received())
                .anyMatch(r -> r.path().equals("/v1/models/" + folder + ":classify")
                        && r.query().contains("version=2"));
        owner.upload(picture(), "c.png", Map.of("customModelId", modelId, "modelVersion", "1"));
        assertThat(classifier().received())
                .anyMatch(r -> r.path().equals("/v1/models/" + folder + ":classify")
                        && r.query().contains("version=1"));
        expect(
                owner.upload(picture(), "d.png", Map.of("customModelId", modelId, "modelVersion", "9")),
                404,
                "model-version-not-found");
        expect(owner.upload(picture(), "e.png", Map.of("model", folder)), 404, "model-not-found");

        // The classifier lists the folder; the public model list does not.
        sleep(1_100); // the catalog cache's TTL in tests
        Browser.Response listed = owner.get("/api/models");
        assertThat(listed.status()).as("%s", listed).isEqualTo(200);
        assertThat(listed.json().path("models").findValuesAsString("name")).containsExactly(ClassifierStub.MODEL);

        // Roll back.
        Browser.Response rolledBack =
                owner.putJson("/api/custom-models/" + modelId + "/active-version", Map.of("version", "1"));
        assertThat(rolledBack.status()).as("%s", rolledBack).isEqualTo(200);
        assertThat(rolledBack.json().path("activeVersion").asString()).isEqualTo("1");
    }

    @Test
    void aVersionReportsItsConfusionAndMistakesAndOldVersionsCanBeDeleted() {
        Browser owner = signedIn("cm-report");
        List<String> albums = trainableAlbums(owner, 2, 5);
        String modelId = model(owner, "Report", albums);
        awaitEnd(owner, modelId, train(owner, modelId));

        JsonNode metrics = owner.get("/api/custom-models/" + modelId)
                .json()
                .path("versions")
                .get(0)
                .path("metrics");

        assertThat(metrics.path("confusionLabels").values())
                .extracting(JsonNode::asString)
                .containsExactly("Birds 0", "Birds 1");
        assertThat(metrics.path("confusion").toString()).isEqualTo("[[4,1],[0,5]]");
        JsonNode wrong = metrics.path("misclassified").get(0);
        assertThat(metrics.path("misclassified").size()).isEqualTo(1);
        assertThat(wrong.path("actual").asString()).isEqualTo("Birds 0");
        assertThat(wrong.path("predicted").asString()).isEqualTo("Birds 1");
        String pictureId = wrong.path("pictureId").asString();
        assertThat(owner.get("/api/classifications/" + pictureId)
                        .json()
                        .path("albumId")
                        .asString())
                .as("the mistake is a picture of the class it belongs to")
                .isEqualTo(albums.get(0));
        assertThat(owner.get("/api/classifications/" + pictureId + "/thumbnail").status())
                .isEqualTo(200);

        // Versions from before the report have empty lists, not nulls.
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(new ObjectId(modelId))),
                new Update()
                        .unset("versions.0.confusion")
                        .unset("versions.0.confusionLabels")
                        .unset("versions.0.misclassified"),
                "customModels");
        JsonNode older = owner.get("/api/custom-models/" + modelId)
                .json()
                .path("versions")
                .get(0)
                .path("metrics");
        assertThat(older.path("confusion").isArray()).as("%s", older).isTrue();
        assertThat(older.path("confusion").size()).isZero();
        assertThat(older.path("misclassified").size()).isZero();

        // Delete a version: never the active one; an unknown one is not found; another account's model neither.
        awaitEnd(owner, modelId, train(owner, modelId));
        String folder = "u-" + userId(owner) + "-" + modelId;
        assertThat(classifier().training().versions(folder)).containsExactly("1", "2");
        expect(owner.delete("/api/custom-models/" + modelId + "/versions/2"), 409, "version-active");
        expect(owner.delete("/api/custom-models/" + modelId + "/versions/7"), 404, "model-version-not-found");
        expect(signedIn("cm-report-other").delete("/api/custom-models/" + modelId + "/versions/1"), 404, "not-found");

        assertThat(owner.delete("/api/custom-models/" + modelId + "/versions/1").status())
                .isEqualTo(204);

        JsonNode model = owner.get("/api/custom-models/" + modelId).json();
        assertThat(model.path("versions").findValuesAsString("version")).containsExactly("2");
        assertThat(model.path("activeVersion").asString()).isEqualTo("2");
        assertThat(classifier().training().versions(folder)).containsExactly("2");
        expect(owner.delete("/api/custom-models/" + modelId + "/versions/1"), 404, "model-version-not-found");
        expect(
                owner.putJson("/api/custom-models/" + modelId + "/active-version", Map.of("version", "1")),
                404,
                "model-version-not-found");
    }

    @Test
    void aSecondTrainingWhileOneRunsIsAConflictAndCancelStopsIt() {
        Browser owner = signedIn("cm-cancel");
        String modelId = model(owner, "Slow", trainableAlbums(owner, 2, 8));
        classifier().training().delayFeatures(Duration.ofMillis(700));
        String jobId = train(owner, modelId);

        expect(owner.post("/api/custom-models/" + modelId + "/trainings"), 409, "training-in-progress");
        awaitState(owner, modelId, jobId, "RUNNING");
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("currentTraining")
                        .path("id")
                        .asString())
                .isEqualTo(jobId);

        Browser.Response cancelled = owner.post("/api/custom-models/" + modelId + "/trainings/" + jobId + "/cancel");
        assertThat(cancelled.status()).as("%s", cancelled).isEqualTo(202);
        JsonNode end = awaitEnd(owner, modelId, jobId);
        assertThat(end.path("state").asString()).isEqualTo("CANCELLED");
        assertThat(end.path("done").asInt()).isLessThan(16);
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("versions")
                        .size())
                .isZero();
        expect(
                owner.post("/api/custom-models/" + modelId + "/trainings/" + jobId + "/cancel"),
                409,
                "training-finished");

        classifier().training().delayFeatures(Duration.ZERO);
        assertThat(awaitEnd(owner, modelId, train(owner, modelId)).path("state").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void concurrentStartsMakeExactlyOneJob() throws Exception {
        Browser owner = signedIn("cm-race");
        String modelId = model(owner, "Race", trainableAlbums(owner, 2, 5));
        classifier().training().delayFeatures(Duration.ofMillis(300));
        List<Thread> threads = new ArrayList<>();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 4; i++) {
            Thread thread = new Thread(() -> statuses.add(
                    owner.post("/api/custom-models/" + modelId + "/trainings").status()));
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(statuses).containsExactlyInAnyOrder(202, 409, 409, 409);
    }

    @Test
    void deletingAModelDuringItsTrainingStopsItAndLeavesNothingBehind() {
        Browser owner = signedIn("cm-gone");
        String modelId = model(owner, "Short-lived", trainableAlbums(owner, 2, 8));
        classifier().training().delayFeatures(Duration.ofMillis(400));
        String jobId = train(owner, modelId);
        awaitState(owner, modelId, jobId, "RUNNING");
        int batchesBefore = classifier().training().featuresBatches();

        assertThat(owner.delete("/api/custom-models/" + modelId).status()).isEqualTo(204);

        assertThat(owner.get("/api/custom-models/" + modelId + "/trainings/" + jobId)
                        .status())
                .isEqualTo(404);
        sleep(1_500);
        assertThat(classifier().training().featuresBatches())
                .as("the runner stopped after at most the batch in flight")
                .isLessThanOrEqualTo(batchesBefore + 1);
        assertThat(classifier().training().versions("u-" + userId(owner) + "-" + modelId))
                .isEmpty();
    }

    @Test
    void aClassifierThatStaysAwayFailsTheJobClearly() {
        Browser owner = signedIn("cm-away");
        String modelId = model(owner, "Away", trainableAlbums(owner, 2, 5));
        classifier().training().unavailableFor(100);

        JsonNode end = awaitEnd(owner, modelId, train(owner, modelId));

        assertThat(end.path("state").asString()).isEqualTo("FAILED");
        assertThat(end.path("error").path("type").asString()).isEqualTo("classifier-unavailable");
        assertThat(end.path("error").path("detail").asString()).contains("3 attempts");
        JsonNode model = owner.get("/api/custom-models/" + modelId).json();
        assertThat(model.path("versions").size()).isZero();
        assertThat(model.path("currentTraining").isNull()).isTrue();
    }

    @Test
    void aShortOutageIsRetried() {
        Browser owner = signedIn("cm-blip");
        String modelId = model(owner, "Blip", trainableAlbums(owner, 2, 5));
        classifier().training().unavailableFor(2);

        assertThat(awaitEnd(owner, modelId, train(owner, modelId)).path("state").asString())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void anAlbumDeletedDuringTheTrainingFailsIt() {
        Browser owner = signedIn("cm-deleted");
        List<String> albums = trainableAlbums(owner, 2, 8);
        String modelId = model(owner, "Shrinking", albums);
        classifier().training().delayFeatures(Duration.ofMillis(500));
        String jobId = train(owner, modelId);
        awaitState(owner, modelId, jobId, "RUNNING");
        assertThat(owner.delete("/api/albums/" + albums.get(1) + "?customModels=remove-class")
                        .status())
                .isEqualTo(204);

        JsonNode end = awaitEnd(owner, modelId, jobId);

        assertThat(end.path("state").asString()).as("%s", end).isEqualTo("FAILED");
        assertThat(end.path("error").path("type").asString()).isEqualTo("album-deleted");
    }

    @Test
    void deletingTheAccountDeletesItsModelsAndFeatures() {
        Browser owner = signedIn("cm-leaving");
        String modelId = model(owner, "Leaving", trainableAlbums(owner, 2, 5));
        awaitEnd(owner, modelId, train(owner, modelId));
        String userId = userId(owner);
        assertThat(classifier().training().cached(userId)).hasSize(10);

        assertThat(owner.delete("/api/account").status()).isEqualTo(204);

        assertThat(classifier().training().cached(userId)).isEmpty();
        assertThat(classifier().training().versions("u-" + userId + "-" + modelId))
                .isEmpty();
    }

    @Test
    void aJobWhoseReplicaDiedIsTakenOverOnceItsLeaseRanOut() {
        Browser owner = signedIn("cm-takeover");
        String modelId = model(owner, "Orphaned", trainableAlbums(owner, 2, 5));
        ObjectId jobId = new ObjectId();
        Instant started = Instant.now().minusSeconds(120);
        // What a replica that died mid-job leaves behind: RUNNING, its lease expired, the model held for the job.
        mongo.insert(
                new Document("_id", jobId)
                        .append("ownerId", userId(owner))
                        .append("modelId", modelId)
                        .append("state", "RUNNING")
                        .append("stage", "FEATURES")
                        .append("done", 3)
                        .append("total", 10)
                        .append("cancelRequested", false)
                        .append("claims", 1)
                        .append("createdAt", Date.from(started))
                        .append("startedAt", Date.from(started))
                        .append("leaseUntil", Date.from(started.plusSeconds(60)))
                        .append("leaseToken", "dead-replica"),
                "trainingJobs");
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(new ObjectId(modelId))),
                new Update().set("activeJobId", jobId.toHexString()),
                "customModels");
        expect(owner.post("/api/custom-models/" + modelId + "/trainings"), 409, "training-in-progress");

        JsonNode end = awaitEnd(owner, modelId, jobId.toHexString());

        assertThat(end.path("state").asString()).as("%s", end).isEqualTo("SUCCEEDED");
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("activeVersion")
                        .asString())
                .isEqualTo("1");
    }

    // --- helpers

    static String train(Browser owner, String modelId) {
        Browser.Response started = owner.post("/api/custom-models/" + modelId + "/trainings");
        assertThat(started.status()).as("%s", started).isEqualTo(202);
        return started.json().path("id").asString();
    }

    static JsonNode awaitEnd(Browser owner, String modelId, String jobId) {
        Instant until = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode job = owner.get("/api/custom-models/" + modelId + "/trainings/" + jobId)
                    .json();
            String state = job.path("state").asString();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state)
                    || Instant.now().isAfter(until)) {
                return job;
            }
            sleep(50);
        }
    }

    private static void awaitState(Browser owner, String modelId, String jobId, String expected) {
        Instant until = Instant.now().plusSeconds(20);
        while (!owner.get("/api/custom-models/" + modelId + "/trainings/" + jobId)
                .json()
                .path("state")
                .asString()
                .equals(expected)) {
            assertThat(Instant.now()).as("waiting for %s", expected).isBefore(until);
            sleep(30);
        }
    }

    static String model(Browser owner, String name, List<String> albums) {
        Browser.Response created = owner.postJson("/api/custom-models", Map.of("name", name, "albumIds", albums));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    /** Albums "Birds 0", "Birds 1", ... with {@code pictures} distinct pictures each. */
    static List<String> trainableAlbums(Browser owner, int classes, int pictures) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            ids.add(albumWith(owner, "Birds " + i, pictures));
        }
        return ids;
    }

    static String albumWith(Browser owner, String name, int pictures) {
        String album = album(owner, name);
        for (int i = 0; i < pictures; i++) {
            Browser.Response upload = owner.upload(picture(), "p" + i + ".png", Map.of("albumId", album));
            assertThat(upload.status()).as("%s", upload).isIn(201, 202);
        }
        return album;
    }

    static String album(Browser owner, String name) {
        Browser.Response created = owner.postJson("/api/albums", Map.of("name", name));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        return created.json().path("id").asString();
    }

    static byte[] picture() {
        int size = SIZE.incrementAndGet();
        return TestImages.png(size, 17);
    }

    static String userId(Browser owner) {
        return owner.get("/api/auth/me").json().path("id").asString();
    }

    private static void expectRefused(Browser owner, String modelId, String reason) {
        Browser.Response refused = owner.post("/api/custom-models/" + modelId + "/trainings");
        expect(refused, 422, "training-refused");
        assertThat(refused.json().path("reason").asString()).isEqualTo(reason);
    }

    static void expect(Browser.Response response, int status, String type) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.problemType()).as("%s", response).isEqualTo(type);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
