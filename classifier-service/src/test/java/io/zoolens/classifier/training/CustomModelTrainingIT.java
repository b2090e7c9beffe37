package io.zoolens.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A whole training as the api-service drives it, over HTTP with real inference on the default model: features for
 * crops of three photos, a trained version that classifies a new crop of the cat as "cat" with every class and
 * its percentage, a second version, then deleting a version, the model and the owner's features.
 */
class CustomModelTrainingIT extends TrainingContext {

    private static final String OWNER = "alice";
    private static final String MODEL = "u-alice-things";
    private static final Map<String, String> PHOTOS =
            Map.of("cat", "chelsea.png", "coffee", "coffee.png", "rocket", "rocket.jpg");

    @Test
    void featuresThenTrainingThenClassifyThenDelete() throws Exception {
        Map<String, List<String>> hashesByLabel = new LinkedHashMap<>();
        List<byte[]> all = new ArrayList<>();
        List<String> labelOf = new ArrayList<>();
        for (String label : List.of("cat", "coffee", "rocket")) {
            for (byte[] crop : crops(PHOTOS.get(label), 6, label.hashCode())) {
                all.add(crop);
                labelOf.add(label);
            }
        }
        List<String> hashes = all.stream().map(FeatureService::sha256).toList();
        for (int i = 0; i < all.size(); i++) {
            hashesByLabel
                    .computeIfAbsent(labelOf.get(i), l -> new ArrayList<>())
                    .add(hashes.get(i));
        }

        Answer before = missing(hashes);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body().at("/backbone/name").asString()).isEqualTo(BACKBONE);
        assertThat(before.body().at("/backbone/version").asString()).isEqualTo("1");
        assertThat(strings(before.body().get("missing"))).containsExactlyElementsOf(hashes);

        for (int start = 0; start < all.size(); start += 8) {
            List<byte[]> batch = all.subList(start, Math.min(all.size(), start + 8));
            Answer features = postImages("/v1/features/" + OWNER + "?backbone=" + BACKBONE, batch);
            assertThat(features.status()).as(String.valueOf(features.body())).isEqualTo(200);
            assertThat(features.body().at("/backbone/version").asString()).isEqualTo("1");
            assertThat(features.body().get("pictures")).hasSize(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                assertThat(features.body().at("/pictures/" + i + "/sha256").asString())
                        .isEqualTo(hashes.get(start + i));
                assertThat(features.body().at("/pictures/" + i + "/dimension").asInt())
                        .isGreaterThan(100);
            }
        }
        assertThat(missing(hashes).body().get("missing")).isEmpty();
        assertThat(cacheDir.resolve(OWNER)).isDirectory();

        Answer first = train(hashesByLabel);
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
        assertThat(first.body().at("/model").asString()).isEqualTo(MODEL);
        assertThat(first.body().at("/version").asString()).isEqualTo("1");
        assertThat(first.body().at("/pictures").asInt()).isEqualTo(18);
        assertThat(first.body().at("/counts/cat").asInt()).isEqualTo(6);
        assertThat(first.body().at("/metrics/method").asString()).isEqualTo("leave-one-out");
        assertThat(first.body().at("/metrics/accuracy").asDouble()).isGreaterThanOrEqualTo(0.8);
        assertThat(strings(first.body().at("/metrics/confusionLabels"))).containsExactly("cat", "coffee", "rocket");
        assertThat(first.body().at("/metrics/perClass")).hasSize(3);
        assertThat(first.body().at("/reject/minSimilarity").isNumber()).isTrue();
        assertThat(modelsDir.resolve(MODEL + "/1/zoolens-model.json")).isRegularFile();

        // A crop none of the training pictures is, of the cat photo, with the version just written.
        byte[] newCat = crops("chelsea.png", 1, 99).get(0);
        Answer classified = postImage("/v1/models/" + MODEL + ":classify?version=1", newCat);
        assertThat(classified.status()).as(String.valueOf(classified.body())).isEqualTo(200);
        assertThat(classified.body().at("/model/version").asString()).isEqualTo("1");
        assertThat(classified.body().at("/labels/0/label").asString()).isEqualTo("cat");
        List<String> labels = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        classified.body().get("labels").forEach(label -> {
            labels.add(label.get("label").asString());
            scores.add(label.get("score").asDouble());
        });
        assertThat(labels).as("every class").containsExactlyInAnyOrder("cat", "coffee", "rocket");
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));

        Answer second = train(hashesByLabel);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body().at("/version").asString()).isEqualTo("2");
        assertThat(postImage("/v1/models/" + MODEL + ":classify", newCat)
                        .body()
                        .at("/model/version")
                        .asString())
                .as("the newest version answers by default")
                .isEqualTo("2");

        assertThat(delete("/v1/models/" + MODEL + "/versions/1").status()).isEqualTo(204);
        assertThat(Files.exists(modelsDir.resolve(MODEL + "/1"))).isFalse();
        assertThat(postImage("/v1/models/" + MODEL + ":classify?version=1", newCat)
                        .body()
                        .at("/type")
                        .asString())
                .endsWith("/model-version-not-found");
        assertThat(postImage("/v1/models/" + MODEL + ":classify?version=2", newCat)
                        .status())
                .isEqualTo(200);

        assertThat(delete("/v1/models/" + MODEL).status()).isEqualTo(204);
        assertThat(Files.exists(modelsDir.resolve(MODEL))).isFalse();
        Answer gone = postImage("/v1/models/" + MODEL + ":classify", newCat);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body().at("/type").asString()).endsWith("/model-not-found");
        assertThat(delete("/v1/models/" + MODEL).status()).as("idempotent").isEqualTo(204);

        assertThat(delete("/v1/features/" + OWNER).status()).isEqualTo(204);
        assertThat(Files.exists(cacheDir.resolve(OWNER))).isFalse();
        assertThat(strings(missing(hashes).body().get("missing"))).containsExactlyElementsOf(hashes);
        assertThat(delete("/v1/features/" + OWNER).status()).as("idempotent").isEqualTo(204);
    }

    private Answer missing(List<String> hashes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("backbone", BACKBONE);
        body.put("backboneVersion", null);
        body.put("sha256", hashes);
        return postJson("/v1/features/" + OWNER + ":missing", body);
    }

    private Answer train(Map<String, List<String>> hashesByLabel) {
        List<Map<String, Object>> classes = new ArrayList<>();
        hashesByLabel.forEach((label, hashes) -> classes.add(Map.of(
                "label",
                label,
                "pictures",
                hashes.stream()
                        .map(sha -> Map.of("id", "p-" + sha.substring(0, 8), "sha256", sha))
                        .toList())));
        return postJson(
                "/v1/trainings",
                Map.of(
                        "owner", OWNER,
                        "model", MODEL,
                        "description", "Cats, coffee and rockets",
                        "backbone", BACKBONE,
                        "classes", classes));
    }

    static List<String> strings(tools.jackson.databind.JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
