package io.zoolens.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /v1/trainings} is idempotent per job, over HTTP with real inference: an api replica killed while the
 * classifier trained leaves a version its job never heard of, and the replica that takes the job over asks again
 * with the same {@code jobId}. That request gets the version the first one made (200, the same body), never a
 * second version, also when both requests run at once.
 */
class RepeatedTrainingIT extends TrainingContext {

    private static final String OWNER = "carol";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Map<String, List<String>> classes;

    @BeforeEach
    void cachedFeatures() {
        classes = new LinkedHashMap<>();
        for (String label : List.of("cat", "coffee")) {
            List<byte[]> crops = crops(label.equals("cat") ? "chelsea.png" : "coffee.png", 5, label.hashCode() + 7);
            Answer features = postImages("/v1/features/" + OWNER + "?backbone=" + BACKBONE, crops);
            assertThat(features.status()).as(String.valueOf(features.body())).isEqualTo(200);
            classes.put(label, crops.stream().map(FeatureService::sha256).toList());
        }
    }

    @Test
    void theSameJobTwiceMakesOneVersionAndAnswersItTwice() throws Exception {
        String model = "u-" + OWNER + "-repeat";
        Answer first = train(model, "job-1");
        assertThat(first.status()).as(String.valueOf(first.body())).isEqualTo(201);
        assertThat(first.body().at("/version").asString()).isEqualTo("1");

        Answer again = train(model, "job-1");
        assertThat(again.status()).as("answered, not trained again").isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(versionFolders(model)).containsExactly("1");
        JsonNode metadata = JSON.readTree(modelsDir
                .resolve(model)
                .resolve("1")
                .resolve("zoolens-model.json")
                .toFile());
        assertThat(metadata.at("/training/jobId").asString()).isEqualTo("job-1");
        assertThat(metadata.at("/training/trainingMillis").asLong())
                .isEqualTo(first.body().at("/trainingMillis").asLong());

        Answer next = train(model, "job-2");
        assertThat(next.status()).isEqualTo(201);
        assertThat(next.body().at("/version").asString())
                .as("another job, another version")
                .isEqualTo("2");
        Answer withoutJob = train(model, null);
        assertThat(withoutJob.status()).isEqualTo(201);
        assertThat(withoutJob.body().at("/version").asString()).isEqualTo("3");
        assertThat(train(model, "job-1").body().at("/version").asString()).isEqualTo("1");
        assertThat(versionFolders(model)).containsExactlyInAnyOrder("1", "2", "3");
    }

    @Test
    void twoRequestsOfOneJobAtOnceMakeOneVersion() throws Exception {
        String model = "u-" + OWNER + "-race";
        CompletableFuture<Answer> one = CompletableFuture.supplyAsync(() -> train(model, "job-race"));
        CompletableFuture<Answer> two = CompletableFuture.supplyAsync(() -> train(model, "job-race"));
        List<Answer> answers = List.of(one.get(), two.get());
        assertThat(answers).extracting(Answer::status).containsExactlyInAnyOrder(201, 200);
        assertThat(answers.get(0).body()).isEqualTo(answers.get(1).body());
        assertThat(versionFolders(model)).containsExactly("1");
        assertThat(postImage(
                                "/v1/models/" + model + ":classify",
                                crops("chelsea.png", 1, 3).get(0))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aJobIdThatIsNoNameIsRefused() {
        Answer answer = train("u-" + OWNER + "-bad", "../../etc");
        assertThat(answer.status()).isEqualTo(422);
        assertThat(answer.body().at("/type").asString()).endsWith("/invalid-name");
        assertThat(answer.body().at("/field").asString()).isEqualTo("jobId");
        assertThat(Files.exists(modelsDir.resolve("u-" + OWNER + "-bad"))).isFalse();
    }

    /**
     * A version number is written again after its version was deleted, so a late retry of that deletion (the api
     * kept it while the classifier was away) names the job that wrote the version it meant: another job's version
     * of that number stays (409 {@code version-replaced}); a version that is gone is done (204).
     */
    @Test
    void aVersionIsDeletedOnlyForTheJobThatWroteIt() throws Exception {
        String model = "u-" + OWNER + "-retried";
        assertThat(train(model, "job-a").status()).isEqualTo(201);
        assertThat(train(model, "job-b").body().at("/version").asString()).isEqualTo("2");
        assertThat(delete("/v1/models/" + model + "/versions/2?jobId=job-b").status())
                .isEqualTo(204);
        assertThat(versionFolders(model)).containsExactly("1");
        assertThat(train(model, "job-c").body().at("/version").asString())
                .as("the number is written again")
                .isEqualTo("2");

        Answer late = delete("/v1/models/" + model + "/versions/2?jobId=job-b");
        assertThat(late.status()).as(String.valueOf(late.body())).isEqualTo(409);
        assertThat(late.body().at("/type").asString()).isEqualTo("https://zoolens.io/problems/version-replaced");
        assertThat(late.body().at("/version").asString()).isEqualTo("2");
        Answer other = delete("/v1/models/" + model + "/versions/1?jobId=job-b");
        assertThat(other.status()).as("version 1 is job-a's").isEqualTo(409);
        assertThat(versionFolders(model)).containsExactlyInAnyOrder("1", "2");
        assertThat(train(model, "job-c").status())
                .as("job-c's version is still served")
                .isEqualTo(200);

        for (String malformed : List.of("", "../job-c", "job c", "x".repeat(101), "j\u00f6b")) {
            Answer refused = client().delete()
                    .uri("/v1/models/{model}/versions/2?jobId={jobId}", model, malformed)
                    .exchange((request, response) ->
                            new Answer(response.getStatusCode().value(), response.bodyTo(JsonNode.class)));
            assertThat(refused.status()).as(malformed).isEqualTo(422);
            assertThat(refused.body().at("/type").asString()).endsWith("/invalid-name");
            assertThat(refused.body().at("/field").asString()).isEqualTo("jobId");
        }
        assertThat(versionFolders(model)).containsExactlyInAnyOrder("1", "2");

        assertThat(delete("/v1/models/" + model + "/versions/2?jobId=job-c").status())
                .isEqualTo(204);
        assertThat(delete("/v1/models/" + model + "/versions/2?jobId=job-c").status())
                .as("gone already: done")
                .isEqualTo(204);
        assertThat(versionFolders(model)).containsExactly("1");
    }

    private Answer train(String model, String jobId) {
        List<Map<String, Object>> body = new ArrayList<>();
        classes.forEach((label, hashes) -> body.add(Map.of(
                "label",
                label,
                "pictures",
                hashes.stream()
                        .map(sha -> Map.of("id", "p-" + sha.substring(0, 8), "sha256", sha))
                        .toList())));
        Map<String, Object> request = new LinkedHashMap<>();
        if (jobId != null) {
            request.put("jobId", jobId);
        }
        request.put("owner", OWNER);
        request.put("model", model);
        request.put("backbone", BACKBONE);
        request.put("classes", body);
        return postJson("/v1/trainings", request);
    }

    /** Every entry of the model's folder: complete versions only, no hidden staging folder left. */
    private static List<String> versionFolders(String model) throws Exception {
        try (Stream<Path> children = Files.list(modelsDir.resolve(model))) {
            return children.map(path -> path.getFileName().toString()).toList();
        }
    }
}
