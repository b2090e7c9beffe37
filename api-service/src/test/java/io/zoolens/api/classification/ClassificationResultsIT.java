package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.image.testing.TestImages;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What a result shows (issue 12): an honest "nothing recognised" with hints, thresholds chosen on upload and on a
 * re-read, every label on request, older documents read as before, and the album an upload went to.
 */
class ClassificationResultsIT extends ApiIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void aPhotoWithNothingOverTheThresholdIsNotRecognisedAndGivesTheBestHints() {
        Browser browser = signedIn("nothing");
        byte[] flower = TestImages.png(64, 48);
        classifier().answer(flower, 200, "classify-nothing.json");

        JsonNode body = created(browser.upload(flower));

        assertThat(body.path("status").asString()).isEqualTo("DONE");
        assertThat(body.path("recognised").asBoolean()).isFalse();
        assertThat(body.path("topLabel").isNull()).isTrue();
        assertThat(body.path("topScore").isNull()).isTrue();
        assertThat(body.path("labels").isEmpty()).isTrue();
        assertThat(body.path("objects").isEmpty()).isTrue();
        assertThat(body.path("hints").findValuesAsString("label")).containsExactly("vase", "clock", "stop sign");
        assertThat(body.path("hints").get(0).path("score").asDouble()).isEqualTo(0.17166941);
        assertThat(body.path("labelCount").asInt()).isEqualTo(25);
        JsonNode again = browser.get("/api/classifications/" + body.path("id").asString())
                .json();
        assertThat(again.path("recognised").asBoolean()).isFalse();
        assertThat(again.path("hints").size()).isEqualTo(3);
    }

    @Test
    void anUnknownAnswerOfACustomModelIsNoAnswerAndKeepsItsGuessesAndWhyInTheJsonAndTheStore() {
        Browser browser = signedIn("unknown");
        byte[] photo = TestImages.png(74, 48);
        classifier().answer(photo, 200, "classify-unknown.json");

        JsonNode body = created(browser.upload(photo));
        String id = body.path("id").asString();

        assertThat(body.path("status").asString()).isEqualTo("DONE");
        assertThat(body.path("unknown").asBoolean()).isTrue();
        assertThat(body.path("recognised").asBoolean(true)).isFalse();
        assertThat(body.path("topLabel").isNull()).isTrue();
        assertThat(body.path("hints").findValuesAsString("label")).containsExactly("bag");
        assertThat(body.path("hints").get(0).path("score").asDouble()).isEqualTo(0.9412);
        assertThat(body.path("labelCount").asInt()).isEqualTo(10);
        JsonNode reject = body.path("reject");
        assertThat(reject.path("reasons").values())
                .extracting(JsonNode::asString)
                .containsExactly("low-similarity");
        assertThat(reject.path("similarity").asDouble()).isEqualTo(0.912);
        assertThat(reject.path("minSimilarity").asDouble()).isEqualTo(0.965);
        assertThat(reject.path("probability").asDouble()).isEqualTo(0.9412);
        assertThat(reject.path("minProbability").asDouble()).isEqualTo(0.61);
        JsonNode all = browser.get("/api/classifications/" + id + "?topK=100&minScore=0")
                .json();
        assertThat(all.path("unknown").asBoolean()).isTrue();
        assertThat(all.path("recognised").asBoolean(true)).isFalse();
        assertThat(all.path("labels").size()).as("every class, as guesses").isEqualTo(10);
        assertThat(browser.get("/api/classifications?label=bag")
                        .json()
                        .path("totalItems")
                        .asInt())
                .as("a guess is not found as an answer")
                .isZero();

        Document stored = mongo.findById(new ObjectId(id), Document.class, "classifications");
        assertThat(stored).isNotNull();
        assertThat(stored.getBoolean("unknown")).isTrue();
        assertThat(stored.get("topLabel")).isNull();
        assertThat(stored.getList("labels", Document.class)).hasSize(10);
        Document storedReject = stored.get("reject", Document.class);
        assertThat(storedReject.getList("reasons", String.class)).containsExactly("low-similarity");
        assertThat(storedReject.getDouble("similarity")).isEqualTo(0.912);
        assertThat(storedReject.getDouble("minProbability")).isEqualTo(0.61);
    }

    @Test
    void theDefaultModelsAnswerIsNotUnknownAndStoresNoRejection() {
        Browser browser = signedIn("notunknown");

        JsonNode body = created(browser.upload(TestImages.png(75, 48)));

        assertThat(body.path("unknown").isBoolean()).isTrue();
        assertThat(body.path("unknown").asBoolean()).isFalse();
        assertThat(body.path("reject").isNull()).isTrue();
        assertThat(body.path("recognised").asBoolean()).isTrue();
        Document stored = mongo.findById(new ObjectId(body.path("id").asString()), Document.class, "classifications");
        assertThat(stored).doesNotContainKeys("unknown", "reject");
    }

    @Test
    void topKAndMinScoreGivenAtUploadAreAppliedAndKeptForLaterReads() {
        Browser browser = signedIn("thresholds");

        JsonNode body =
                created(browser.upload(TestImages.png(65, 48), "a.png", Map.of("topK", "2", "minScore", "0.1")));

        assertThat(body.path("labels").findValuesAsString("label")).containsExactly("cat", "dog");
        assertThat(body.path("objects").findValuesAsString("label"))
                .containsExactly("cat", "dog", "bed", "person", "couch");
        assertThat(body.path("applied").path("topK").asInt()).isEqualTo(2);
        assertThat(body.path("applied").path("minScore").asDouble()).isEqualTo(0.1);
        String id = body.path("id").asString();
        JsonNode reread = browser.get("/api/classifications/" + id).json();
        assertThat(reread.path("labels").findValuesAsString("label")).containsExactly("cat", "dog");
        assertThat(reread.path("applied").path("topK").asInt()).isEqualTo(2);
    }

    @Test
    void thresholdsMayAlsoBeQueryParametersOfTheUpload() {
        Browser browser = signedIn("query");

        JsonNode body = created(browser.uploadTo(
                "/api/classifications?topK=3&minScore=0.15", "image", TestImages.png(66, 48), "a.png", Map.of()));

        assertThat(body.path("labels").findValuesAsString("label")).containsExactly("cat", "dog", "bed");
    }

    @Test
    void aReReadShowsAllLabelsOrAStricterViewWithoutChangingTheStoredResult() {
        Browser browser = signedIn("reread");
        String id = created(browser.upload(TestImages.png(67, 48))).path("id").asString();

        JsonNode all = browser.get("/api/classifications/" + id + "?topK=100&minScore=0")
                .json();
        JsonNode strict =
                browser.get("/api/classifications/" + id + "?minScore=0.6").json();
        JsonNode own = browser.get("/api/classifications/" + id).json();

        assertThat(all.path("labels").size())
                .isEqualTo(33)
                .isEqualTo(all.path("labelCount").asInt());
        assertThat(all.path("labels").get(0).path("label").asString()).isEqualTo("cat");
        assertThat(all.path("labels").get(32).path("score").asDouble()).isLessThan(0.05);
        assertThat(all.path("objects").size())
                .as("objects are stored down to 0.05")
                .isEqualTo(15);
        assertThat(all.path("applied").path("topK").asInt()).isEqualTo(100);
        assertThat(strict.path("recognised").asBoolean()).isFalse();
        assertThat(strict.path("hints").findValuesAsString("label")).containsExactly("cat", "dog", "bed");
        assertThat(strict.path("applied").path("topK").asInt())
                .as("the upload's own")
                .isEqualTo(5);
        assertThat(own.path("recognised").asBoolean()).isTrue();
        assertThat(own.path("labels").findValuesAsString("label")).containsExactly("cat");
    }

    @Test
    void outOfRangeThresholdsAre400NamingTheFieldAndStoreNothing() {
        Browser browser = signedIn("badthresholds");
        String id = created(browser.upload(TestImages.png(68, 48))).path("id").asString();

        for (String query : List.of("topK=0", "topK=101", "topK=many", "topK=1.5")) {
            assertRefusedNaming(browser.get("/api/classifications/" + id + "?" + query), "topK");
            assertRefusedNaming(
                    browser.uploadTo(
                            "/api/classifications?" + query, "image", TestImages.png(69, 48), "a.png", Map.of()),
                    "topK");
        }
        for (String value : List.of("-0.1", "1.5", "NaN", "Infinity", "high")) {
            assertRefusedNaming(browser.get("/api/classifications/" + id + "?minScore=" + value), "minScore");
            assertRefusedNaming(browser.upload(TestImages.png(70, 48), "a.png", Map.of("minScore", value)), "minScore");
        }
        assertThat(browser.get("/api/classifications").json().path("totalItems").asInt())
                .isEqualTo(1);
    }

    @Test
    void aDocumentStoredBeforeThresholdsIsReadAsBefore() {
        Browser browser = signedIn("older");
        String owner = browser.get("/api/auth/me").json().path("id").asString();
        Document cat = older(owner, List.of(new Document("label", "cat").append("score", 0.49)));
        Document nothing = older(owner, List.of());
        mongo.insert(List.of(cat, nothing), "classifications");

        JsonNode catBody = browser.get(
                        "/api/classifications/" + cat.getObjectId("_id").toHexString())
                .json();
        JsonNode nothingBody = browser.get(
                        "/api/classifications/" + nothing.getObjectId("_id").toHexString())
                .json();

        assertThat(catBody.path("recognised").asBoolean()).isTrue();
        assertThat(catBody.path("topLabel").asString()).isEqualTo("cat");
        assertThat(catBody.path("labels").findValuesAsString("label")).containsExactly("cat");
        assertThat(catBody.path("labelCount").asInt()).isEqualTo(1);
        assertThat(catBody.path("applied").path("topK").asInt()).isEqualTo(5);
        assertThat(catBody.path("applied").path("minScore").asDouble()).isEqualTo(0.3);
        assertThat(nothingBody.path("recognised").asBoolean()).isFalse();
        assertThat(nothingBody.path("hints").isEmpty()).isTrue();
        assertThat(nothingBody.path("labelCount").asInt()).isZero();
    }

    @Test
    void feedbackOnAnItemWhereNothingWasRecognisedSaysWhatItIs() {
        Browser browser = signedIn("whatisit");
        byte[] flower = TestImages.png(71, 48);
        classifier().answer(flower, 200, "classify-nothing.json");
        String id = created(browser.upload(flower)).path("id").asString();

        Response answered = browser.putJson(
                "/api/classifications/" + id + "/feedback", Map.of("correct", false, "label", "orange"));

        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.json().path("recognised").asBoolean()).isFalse();
        assertThat(answered.json().path("feedback").path("label").asString()).isEqualTo("orange");
        assertThat(browser.get("/api/classifications?label=Oranges")
                        .json()
                        .path("totalItems")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void theUploadAnswerNamesItsAlbum() {
        Browser browser = signedIn("albumanswer");
        String album = browser.postJson("/api/albums", Map.of("name", "Zoo"))
                .json()
                .path("id")
                .asString();

        JsonNode body = created(browser.upload(TestImages.png(72, 48), "a.png", Map.of("albumId", album)));

        assertThat(body.path("albumId").asString()).isEqualTo(album);
        assertThat(body.path("album").path("id").asString()).isEqualTo(album);
        assertThat(body.path("album").path("name").asString()).isEqualTo("Zoo");
        JsonNode listed = browser.get("/api/classifications?albumId=" + album).json();
        assertThat(listed.path("items").get(0).path("album").path("name").asString())
                .isEqualTo("Zoo");
    }

    @Test
    void aPendingItemIsNeitherRecognisedNorNot() {
        Browser browser = signedIn("pendingresult");
        classifier().stop();

        Response response = browser.upload(TestImages.png(73, 48));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("recognised").isNull()).isTrue();
        assertThat(response.json().path("labels").isEmpty()).isTrue();
        assertThat(response.json().path("hints").isEmpty()).isTrue();
        assertThat(response.json().path("labelCount").asInt()).isZero();
    }

    private static JsonNode created(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static void assertRefusedNaming(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.problemType()).isEqualTo("validation-failed");
        assertThat(response.json().path("errors").findValuesAsString("field")).contains(field);
    }

    /** A DONE document as stored before issue 12: top five labels, no thresholds, no search keys. */
    private static Document older(String owner, List<Document> labels) {
        return new Document("ownerId", owner)
                .append("status", "DONE")
                .append("createdAt", Date.from(Instant.now()))
                .append(
                        "createdDay",
                        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString())
                .append("classifiedAt", Date.from(Instant.now()))
                .append(
                        "model",
                        new Document("name", "coco-centernet")
                                .append("version", "1")
                                .append("task", "detection"))
                .append("topLabel", labels.isEmpty() ? null : labels.get(0).getString("label"))
                .append("topScore", labels.isEmpty() ? null : labels.get(0).getDouble("score"))
                .append("labels", labels)
                .append("objects", List.of())
                .append("attempts", 1);
    }
}
