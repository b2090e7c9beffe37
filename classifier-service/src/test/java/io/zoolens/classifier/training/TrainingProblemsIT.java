package io.zoolens.classifier.training;

import static io.zoolens.classifier.training.CustomModelTrainingIT.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.testing.TestImages;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input to the training endpoints: each a problem with a stable type and status, never a 500 or a deletion. */
class TrainingProblemsIT extends TrainingContext {

    @Test
    void anUnknownBackboneIsModelNotFound() {
        Answer missing =
                postJson("/v1/features/bob:missing", Map.of("backbone", "no-such-model", "sha256", madeUpHashes(1, 1)));
        assertProblem(missing, 404, "model-not-found");
        Answer features = postImages("/v1/features/bob?backbone=no-such-model", List.of(TestImages.png(32, 32)));
        assertProblem(features, 404, "model-not-found");
        assertProblem(train("bob", "u-bob-pets", "no-such-model", twoClasses(5, false)), 404, "model-not-found");
        assertProblem(
                postJson(
                        "/v1/features/bob:missing",
                        Map.of("backbone", BACKBONE, "backboneVersion", "7", "sha256", madeUpHashes(1, 1))),
                404,
                "model-version-not-found");
    }

    @Test
    void picturesWithoutCachedFeaturesAreListed() {
        List<Map<String, Object>> classes = twoClasses(5, false);
        Answer answer = train("bob", "u-bob-pets", BACKBONE, classes);
        assertProblem(answer, 409, "features-missing");
        List<String> expected = new ArrayList<>(madeUpHashes(5, 0));
        expected.addAll(madeUpHashes(5, 1));
        assertThat(strings(answer.body().get("missing"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(Files.exists(modelsDir.resolve("u-bob-pets"))).isFalse();
    }

    @Test
    void classesThatCannotGiveAnHonestModelAreRefusedBeforeFeaturesAreAskedFor() {
        Answer tooFew = train("bob", "u-bob-pets", BACKBONE, twoClasses(3, false));
        assertProblem(tooFew, 422, "training-refused");
        assertThat(tooFew.body().at("/reason").asString()).isEqualTo("TOO_FEW_PICTURES");
        assertThat(tooFew.body().get("conflicts")).isEmpty();

        Answer oneClass =
                train("bob", "u-bob-pets", BACKBONE, twoClasses(5, false).subList(0, 1));
        assertThat(oneClass.body().at("/reason").asString()).isEqualTo("TOO_FEW_CLASSES");

        Answer twice = train("bob", "u-bob-pets", BACKBONE, twoClasses(5, true));
        assertProblem(twice, 422, "training-refused");
        assertThat(twice.body().at("/reason").asString()).isEqualTo("PICTURE_IN_TWO_CLASSES");
        assertThat(twice.body().at("/conflicts/0/sha256").asString())
                .isEqualTo(madeUpHashes(1, 0).get(0));
        assertThat(strings(twice.body().at("/conflicts/0/labels"))).containsExactly("a", "b");
    }

    @Test
    void badNamesAreRefusedWithTheField() {
        assertThat(assertProblem(
                                postJson(
                                        "/v1/features/bad-owner:missing",
                                        Map.of("backbone", BACKBONE, "sha256", madeUpHashes(1, 1))),
                                422,
                                "invalid-name")
                        .at("/field")
                        .asString())
                .isEqualTo("owner");
        assertThat(assertProblem(
                                postJson(
                                        "/v1/features/bob:missing",
                                        Map.of("backbone", BACKBONE, "sha256", List.of("not-a-hash"))),
                                422,
                                "invalid-name")
                        .at("/field")
                        .asString())
                .isEqualTo("sha256");
        for (String model : List.of("u-carol-pets", "coco-centernet", "u-bob-", "u-bob-a/b", "u-bob-..")) {
            Answer answer = train("bob", model, BACKBONE, twoClasses(5, false));
            assertThat(assertProblem(answer, 422, "invalid-name").at("/field").asString())
                    .as(model)
                    .isEqualTo("model");
        }
        List<Map<String, Object>> lineBreak = List.of(
                Map.of("label", "a\nb", "pictures", pictures(madeUpHashes(5, 0), "a")),
                Map.of("label", "c", "pictures", pictures(madeUpHashes(5, 1), "c")));
        assertThat(assertProblem(train("bob", "u-bob-pets", BACKBONE, lineBreak), 422, "invalid-name")
                        .at("/field")
                        .asString())
                .isEqualTo("label");
        assertProblem(delete("/v1/features/a.b"), 422, "invalid-name");
        assertThat(Files.isDirectory(modelsDir.resolve(BACKBONE))).isTrue();
    }

    @Test
    void onlyCustomModelsCanBeDeleted() {
        assertProblem(delete("/v1/models/" + BACKBONE), 422, "invalid-name");
        assertProblem(delete("/v1/models/" + BACKBONE + "/versions/1"), 422, "invalid-name");
        assertProblem(delete("/v1/models/u-bob-pets/versions/latest"), 422, "invalid-name");
        assertThat(modelsDir.resolve(BACKBONE + "/1/zoolens-model.json")).isRegularFile();
        assertThat(postImage("/v1/models/" + BACKBONE + ":classify", TestImages.png(64, 64))
                        .status())
                .as("still served")
                .isEqualTo(200);
    }

    @Test
    void anUndecodablePartIsRefusedWithItsIndexAndNothingIsCached() {
        byte[] good = crops("coffee.png", 1, 5).get(0);
        byte[] bad = TestImages.truncated(TestImages.png(64, 64));
        Answer answer = postImages("/v1/features/dave?backbone=" + BACKBONE, List.of(good, bad));
        assertProblem(answer, 422, "corrupt-image");
        assertThat(answer.body().at("/part").asInt(-1)).isEqualTo(1);
        Answer missing = postJson(
                "/v1/features/dave:missing",
                Map.of(
                        "backbone",
                        BACKBONE,
                        "sha256",
                        List.of(FeatureService.sha256(good), FeatureService.sha256(bad))));
        assertThat(missing.body().get("missing")).hasSize(2);
    }

    @Test
    void aRequestTakesOneToEightParts() {
        List<byte[]> nine = Collections.nCopies(9, TestImages.png(8, 8));
        assertProblem(postImages("/v1/features/dave?backbone=" + BACKBONE, nine), 400, "validation-failed");
    }

    /** Classes "a" and "b" of made-up pictures; {@code shared}: b's first picture is a's first. */
    private static List<Map<String, Object>> twoClasses(int perClass, boolean shared) {
        List<String> a = madeUpHashes(perClass, 0);
        List<String> b = new ArrayList<>(madeUpHashes(perClass, 1));
        if (shared) {
            b.set(0, a.get(0));
        }
        return List.of(
                Map.of("label", "a", "pictures", pictures(a, "a")), Map.of("label", "b", "pictures", pictures(b, "b")));
    }

    private static List<Map<String, String>> pictures(List<String> hashes, String prefix) {
        List<Map<String, String>> pictures = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            pictures.add(Map.of("id", prefix + i, "sha256", hashes.get(i)));
        }
        return pictures;
    }

    private Answer train(String owner, String model, String backbone, List<Map<String, Object>> classes) {
        return postJson(
                "/v1/trainings", Map.of("owner", owner, "model", model, "backbone", backbone, "classes", classes));
    }

    private static tools.jackson.databind.JsonNode assertProblem(Answer answer, int status, String type) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.body().at("/type").asString()).isEqualTo("https://zoolens.io/problems/" + type);
        return answer.body();
    }
}
