package io.zoolens.api.custommodel;

import static io.zoolens.api.custommodel.CustomModelIT.album;
import static io.zoolens.api.custommodel.CustomModelIT.awaitEnd;
import static io.zoolens.api.custommodel.CustomModelIT.expect;
import static io.zoolens.api.custommodel.CustomModelIT.model;
import static io.zoolens.api.custommodel.CustomModelIT.picture;
import static io.zoolens.api.custommodel.CustomModelIT.train;
import static io.zoolens.api.custommodel.CustomModelIT.trainableAlbums;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Feedback that teaches, over real HTTP: feedback on a custom model's answer files the picture into a class album
 * and makes it an example of the model; the examples since the newest version, taking one back, version stats,
 * deleting the model, and albums that are classes. The classifier is the stub's {@code TrainingSide}, which
 * answers a custom model's classify with that version's classes.
 */
class ModelFeedbackIT extends ApiIntegrationTest {

    @Test
    void feedbackFilesThePictureIntoAClassAndTheNextVersionLearnsFromIt() {
        Browser owner = signedIn("fb-owner");
        List<String> albums = trainableAlbums(owner, 2, 5);
        String modelId = model(owner, "Finches", albums);
        awaitEnd(owner, modelId, train(owner, modelId));

        Browser.Response answered = owner.upload(picture(), "q1.png", Map.of("customModelId", modelId));
        assertThat(answered.status()).as("%s", answered).isEqualTo(201);
        assertThat(answered.json().path("topLabel").asString()).isEqualTo("Birds 0");
        assertThat(answered.json().path("customModel").path("id").asString()).isEqualTo(modelId);
        assertThat(answered.json().path("customModel").path("name").asString()).isEqualTo("Finches");
        assertThat(answered.json().path("customModel").path("version").asString())
                .isEqualTo("1");
        String confirmed = answered.json().path("id").asString();

        // "Correct": into the album of the class it answered.
        Browser.Response correct = feedback(owner, confirmed, Map.of("correct", true));
        assertThat(correct.status()).as("%s", correct).isEqualTo(200);
        assertThat(correct.json().path("albumId").asString()).isEqualTo(albums.get(0));
        assertThat(correct.json().path("album").path("name").asString()).isEqualTo("Birds 0");
        assertThat(correct.json().path("trainingExample").path("modelId").asString())
                .isEqualTo(modelId);
        assertThat(correct.json().path("trainingExample").path("label").asString())
                .isEqualTo("Birds 0");
        assertThat(correct.json().path("trainingExample").path("addedAt").asString())
                .isNotBlank();

        // "Wrong, it is birds 1": the class named, ignoring case.
        String corrected = owner.upload(picture(), "q2.png", Map.of("customModelId", modelId))
                .json()
                .path("id")
                .asString();
        Browser.Response wrong = feedback(owner, corrected, Map.of("correct", false, "label", "birds 1"));
        assertThat(wrong.status()).as("%s", wrong).isEqualTo(200);
        assertThat(wrong.json().path("albumId").asString()).isEqualTo(albums.get(1));
        assertThat(wrong.json().path("trainingExample").path("label").asString())
                .isEqualTo("Birds 1");

        // A label that is no class: 422 naming the classes, and the item is as it was.
        String third = owner.upload(picture(), "q3.png", Map.of("customModelId", modelId))
                .json()
                .path("id")
                .asString();
        Browser.Response notAClass = feedback(owner, third, Map.of("correct", false, "label", "Sparrows"));
        expect(notAClass, 422, "not-a-class");
        assertThat(notAClass.json().path("classes").values())
                .extracting(JsonNode::asString)
                .containsExactly("Birds 0", "Birds 1");
        JsonNode untouched = owner.get("/api/classifications/" + third).json();
        assertThat(untouched.path("feedback").isNull()).isTrue();
        assertThat(untouched.path("albumId").isNull()).isTrue();
        assertThat(untouched.path("trainingExample").isNull()).isTrue();

        JsonNode model = owner.get("/api/custom-models/" + modelId).json();
        assertThat(model.path("newExamples").asInt()).isEqualTo(2);
        JsonNode examples =
                owner.get("/api/custom-models/" + modelId + "/examples").json();
        assertThat(examples.path("sinceVersion").asString()).isEqualTo("1");
        assertThat(examples.path("examples").findValuesAsString("pictureId")).containsExactly(corrected, confirmed);
        JsonNode newest = examples.path("examples").get(0);
        assertThat(newest.path("label").asString()).isEqualTo("Birds 1");
        assertThat(newest.path("albumId").asString()).isEqualTo(albums.get(1));
        assertThat(newest.path("correct").asBoolean()).isFalse();
        assertThat(examples.path("examples").get(1).path("correct").asBoolean()).isTrue();
        assertThat(newest.path("addedAt").asString()).isNotBlank();

        JsonNode stats =
                owner.get("/api/custom-models/" + modelId + "/version-stats").json();
        assertThat(stats.size()).isEqualTo(1);
        assertThat(stats.get(0).path("version").asString()).isEqualTo("1");
        assertThat(stats.get(0).path("crossValidatedAccuracy").asDouble()).isEqualTo(0.9);
        assertThat(stats.get(0).path("feedback").asInt()).isEqualTo(2);
        assertThat(stats.get(0).path("correct").asInt()).isEqualTo(1);
        assertThat(stats.get(0).path("feedbackAccuracy").asDouble()).isEqualTo(0.5);

        // Retrain: the examples are in version 2, so none is new; its answers are counted apart.
        JsonNode job = awaitEnd(owner, modelId, train(owner, modelId));
        assertThat(job.path("version").asString()).as("%s", job).isEqualTo("2");
        model = owner.get("/api/custom-models/" + modelId).json();
        assertThat(model.path("versions").get(1).path("pictures").asInt()).isEqualTo(12);
        assertThat(model.path("newExamples").asInt()).isZero();
        examples = owner.get("/api/custom-models/" + modelId + "/examples").json();
        assertThat(examples.path("sinceVersion").asString()).isEqualTo("2");
        assertThat(examples.path("examples").size()).isZero();

        String onVersion2 = owner.upload(picture(), "q4.png", Map.of("customModelId", modelId))
                .json()
                .path("id")
                .asString();
        assertThat(feedback(owner, onVersion2, Map.of("correct", true)).status())
                .isEqualTo(200);
        stats = owner.get("/api/custom-models/" + modelId + "/version-stats").json();
        assertThat(stats.findValuesAsString("version")).containsExactly("1", "2");
        assertThat(stats.get(0).path("feedback").asInt()).isEqualTo(2);
        assertThat(stats.get(1).path("feedback").asInt()).isEqualTo(1);
        assertThat(stats.get(1).path("correct").asInt()).isEqualTo(1);
        assertThat(stats.get(1).path("feedbackAccuracy").asDouble()).isEqualTo(1.0);
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("newExamples")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void takingAnExampleBackPutsThePictureWhereItWasAndKeepsItInHistory() {
        Browser owner = signedIn("fb-undo");
        List<String> albums = trainableAlbums(owner, 2, 5);
        String modelId = model(owner, "Undo", albums);
        awaitEnd(owner, modelId, train(owner, modelId));
        String elsewhere = album(owner, "Elsewhere");
        String filed = owner.upload(picture(), "f.png", Map.of("customModelId", modelId, "albumId", elsewhere))
                .json()
                .path("id")
                .asString();
        String loose = owner.upload(picture(), "l.png", Map.of("customModelId", modelId))
                .json()
                .path("id")
                .asString();
        feedback(owner, filed, Map.of("correct", false, "label", "Birds 1"));
        // Feedback given twice: the second decides the class, the first album is still where "back" is.
        feedback(owner, filed, Map.of("correct", true));
        feedback(owner, loose, Map.of("correct", false, "label", "Birds 1"));
        assertThat(owner.get("/api/classifications/" + filed)
                        .json()
                        .path("albumId")
                        .asString())
                .isEqualTo(albums.get(0));
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("newExamples")
                        .asInt())
                .isEqualTo(2);

        assertThat(owner.delete("/api/custom-models/" + modelId + "/examples/" + filed)
                        .status())
                .isEqualTo(204);
        assertThat(owner.delete("/api/custom-models/" + modelId + "/examples/" + loose)
                        .status())
                .isEqualTo(204);

        JsonNode back = owner.get("/api/classifications/" + filed).json();
        assertThat(back.path("albumId").asString()).isEqualTo(elsewhere);
        assertThat(back.path("trainingExample").isNull()).isTrue();
        assertThat(back.path("feedback").path("correct").asBoolean()).isTrue();
        JsonNode unfiled = owner.get("/api/classifications/" + loose).json();
        assertThat(unfiled.path("albumId").isNull()).as("%s", unfiled).isTrue();
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("newExamples")
                        .asInt())
                .isZero();
        assertThat(owner.get("/api/custom-models/" + modelId + "/examples")
                        .json()
                        .path("examples")
                        .size())
                .isZero();
        expect(owner.delete("/api/custom-models/" + modelId + "/examples/" + filed), 404, "not-found");

        // Feedback that names no class any more forgets the example it made.
        feedback(owner, loose, Map.of("correct", false, "label", "Birds 0"));
        assertThat(owner.get("/api/classifications/" + loose)
                        .json()
                        .path("albumId")
                        .asString())
                .isEqualTo(albums.get(0));
        JsonNode noClass = feedback(owner, loose, Map.of("correct", false)).json();
        assertThat(noClass.path("trainingExample").isNull()).as("%s", noClass).isTrue();
        assertThat(noClass.path("albumId").isNull()).as("%s", noClass).isTrue();
        assertThat(noClass.path("feedback").path("correct").asBoolean()).isFalse();
    }

    @Test
    void noneOfMyClassesConfirmedIsFeedbackButNoExample() {
        Browser owner = signedIn("fb-unknown");
        String modelId = model(owner, "Picky", trainableAlbums(owner, 2, 5));
        awaitEnd(owner, modelId, train(owner, modelId));
        classifier().training().answerUnknown();
        Browser.Response answered = owner.upload(picture(), "u.png", Map.of("customModelId", modelId));
        assertThat(answered.json().path("unknown").asBoolean())
                .as("%s", answered)
                .isTrue();
        String id = answered.json().path("id").asString();

        JsonNode right = feedback(owner, id, Map.of("correct", true)).json();

        assertThat(right.path("feedback").path("correct").asBoolean()).isTrue();
        assertThat(right.path("trainingExample").isNull()).isTrue();
        assertThat(right.path("albumId").isNull()).isTrue();
        JsonNode named = feedback(owner, id, Map.of("correct", false, "label", "Birds 1"))
                .json();
        assertThat(named.path("trainingExample").path("label").asString()).isEqualTo("Birds 1");
        JsonNode stats =
                owner.get("/api/custom-models/" + modelId + "/version-stats").json();
        assertThat(stats.get(0).path("feedback").asInt()).isEqualTo(1);
        assertThat(stats.get(0).path("correct").asInt()).isZero();
    }

    @Test
    void deletingTheModelForgetsItsExamplesButNotThePictures() {
        Browser owner = signedIn("fb-gone");
        List<String> albums = trainableAlbums(owner, 2, 5);
        String modelId = model(owner, "Gone", albums);
        awaitEnd(owner, modelId, train(owner, modelId));
        String id = owner.upload(picture(), "g.png", Map.of("customModelId", modelId))
                .json()
                .path("id")
                .asString();
        feedback(owner, id, Map.of("correct", true));

        assertThat(owner.delete("/api/custom-models/" + modelId).status()).isEqualTo(204);

        JsonNode item = owner.get("/api/classifications/" + id).json();
        assertThat(item.path("trainingExample").isNull()).as("%s", item).isTrue();
        assertThat(item.path("customModel").isNull()).isTrue();
        assertThat(item.path("albumId").asString()).isEqualTo(albums.get(0));
        // Feedback on an answer of a deleted model is plain feedback.
        JsonNode plain = feedback(owner, id, Map.of("correct", false, "label", "Birds 1"))
                .json();
        assertThat(plain.path("feedback").path("label").asString()).isEqualTo("Birds 1");
        assertThat(plain.path("trainingExample").isNull()).isTrue();
        assertThat(plain.path("albumId").asString()).isEqualTo(albums.get(0));
    }

    @Test
    void anAlbumThatIsAClassIsDeletedOnlyWhenToldWhatToDoWithTheModel() {
        Browser owner = signedIn("fb-album");
        String dogs = album(owner, "Dogs");
        String cats = album(owner, "Cats");
        String foxes = album(owner, "Foxes");
        String pets = model(owner, "Pets", List.of(dogs, cats, foxes));
        String wild = model(owner, "Wild", List.of(foxes, dogs));

        Browser.Response refused = owner.delete("/api/albums/" + foxes);

        expect(refused, 409, "album-in-custom-model");
        assertThat(refused.json().path("models").findValuesAsString("id")).containsExactly(pets, wild);
        assertThat(refused.json().path("models").findValuesAsString("name")).containsExactly("Pets", "Wild");
        assertThat(owner.get("/api/albums/" + foxes).status()).isEqualTo(200);
        expect(owner.delete("/api/albums/" + foxes + "?customModels=keep"), 400, "validation-failed");
        assertThat(owner.get("/api/albums/" + foxes).status()).isEqualTo(200);

        assertThat(owner.delete("/api/albums/" + foxes + "?customModels=remove-class")
                        .status())
                .isEqualTo(204);

        assertThat(owner.get("/api/albums/" + foxes).status()).isEqualTo(404);
        assertThat(owner.get("/api/custom-models/" + pets)
                        .json()
                        .path("classes")
                        .findValuesAsString("albumId"))
                .containsExactly(dogs, cats);
        assertThat(owner.get("/api/custom-models/" + wild)
                        .json()
                        .path("classes")
                        .findValuesAsString("albumId"))
                .containsExactly(dogs);
        // An album no model uses is deleted as before.
        String loose = album(owner, "Loose");
        assertThat(owner.delete("/api/albums/" + loose).status()).isEqualTo(204);
    }

    @Test
    void anotherAccountSeesNoneOfIt() {
        Browser owner = signedIn("fb-victim");
        List<String> albums = trainableAlbums(owner, 2, 5);
        String modelId = model(owner, "Private", albums);
        awaitEnd(owner, modelId, train(owner, modelId));
        String id = owner.upload(picture(), "p.png", Map.of("customModelId", modelId))
                .json()
                .path("id")
                .asString();
        feedback(owner, id, Map.of("correct", true));
        Browser intruder = signedIn("fb-intruder");
        String ownModel = model(intruder, "Own", List.of(album(intruder, "X"), album(intruder, "Y")));

        expect(intruder.get("/api/custom-models/" + modelId + "/examples"), 404, "not-found");
        expect(intruder.get("/api/custom-models/" + modelId + "/version-stats"), 404, "not-found");
        expect(intruder.delete("/api/custom-models/" + modelId + "/examples/" + id), 404, "not-found");
        expect(intruder.delete("/api/custom-models/" + ownModel + "/examples/" + id), 404, "not-found");
        expect(intruder.delete("/api/custom-models/" + modelId + "/versions/1"), 404, "not-found");
        expect(feedback(intruder, id, Map.of("correct", false, "label", "Birds 1")), 404, "not-found");
        expect(intruder.delete("/api/albums/" + albums.get(0) + "?customModels=remove-class"), 404, "not-found");

        JsonNode item = owner.get("/api/classifications/" + id).json();
        assertThat(item.path("trainingExample").path("label").asString()).isEqualTo("Birds 0");
        assertThat(item.path("albumId").asString()).isEqualTo(albums.get(0));
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("classes")
                        .size())
                .isEqualTo(2);
        assertThat(owner.get("/api/custom-models/" + modelId)
                        .json()
                        .path("newExamples")
                        .asInt())
                .isEqualTo(1);
    }

    private static Browser.Response feedback(Browser browser, String id, Map<String, Object> body) {
        return browser.putJson("/api/classifications/" + id + "/feedback", body);
    }
}
