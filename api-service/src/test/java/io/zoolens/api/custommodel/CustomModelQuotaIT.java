package io.zoolens.api.custommodel;

import static io.zoolens.api.custommodel.CustomModelIT.albumWith;
import static io.zoolens.api.custommodel.CustomModelIT.awaitEnd;
import static io.zoolens.api.custommodel.CustomModelIT.expect;
import static io.zoolens.api.custommodel.CustomModelIT.model;
import static io.zoolens.api.custommodel.CustomModelIT.train;
import static io.zoolens.api.custommodel.CustomModelIT.trainableAlbums;
import static io.zoolens.api.custommodel.CustomModelIT.userId;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The custom-model quotas, with small limits of their own (a context of its own). */
@TestPropertySource(
        properties = {
            "zoolens.custom-models.max-models=2",
            "zoolens.custom-models.kept-versions=2",
            "zoolens.custom-models.max-pictures=10"
        })
class CustomModelQuotaIT extends ApiIntegrationTest {

    @Test
    void modelsPerAccountAreLimited() {
        Browser owner = signedIn("quota-models");
        List<String> albums = List.of(CustomModelIT.album(owner, "A"), CustomModelIT.album(owner, "B"));
        model(owner, "One", albums);
        model(owner, "Two", albums);

        Browser.Response third = owner.postJson("/api/custom-models", Map.of("name", "Three", "albumIds", albums));

        expect(third, 409, "quota-exceeded");
        assertThat(third.json().path("quota").asString()).isEqualTo("models");
        assertThat(third.json().path("limit").asInt()).isEqualTo(2);
        assertThat(signedIn("quota-other")
                        .postJson("/api/custom-models", Map.of("name", "Mine", "albumIds", List.of("x", "y")))
                        .problemType())
                .as("the quota is per account")
                .isEqualTo("album-not-found");
    }

    @Test
    void aTrainingOverThePictureQuotaIsRefusedBeforeItIsQueued() {
        Browser owner = signedIn("quota-pictures");
        String modelId = model(owner, "Big", List.of(albumWith(owner, "Six", 6), albumWith(owner, "Five", 5)));

        Browser.Response refused = owner.post("/api/custom-models/" + modelId + "/trainings");

        expect(refused, 409, "quota-exceeded");
        assertThat(refused.json().path("quota").asString()).isEqualTo("pictures");
        assertThat(refused.json().path("limit").asInt()).isEqualTo(10);
    }

    @Test
    void versionsBeyondTheQuotaAreDeletedOldestFirstOnTheClassifierToo() {
        Browser owner = signedIn("quota-versions");
        String modelId = model(owner, "Growing", trainableAlbums(owner, 2, 5));
        for (int i = 0; i < 3; i++) {
            assertThat(awaitEnd(owner, modelId, train(owner, modelId))
                            .path("state")
                            .asString())
                    .isEqualTo("SUCCEEDED");
        }

        Browser.Response model = owner.get("/api/custom-models/" + modelId);

        assertThat(model.json().path("versions").findValuesAsString("version")).containsExactly("2", "3");
        assertThat(model.json().path("activeVersion").asString()).isEqualTo("3");
        assertThat(classifier().training().versions("u-" + userId(owner) + "-" + modelId))
                .containsExactly("2", "3");
        expect(
                owner.putJson("/api/custom-models/" + modelId + "/active-version", Map.of("version", "1")),
                404,
                "model-version-not-found");
    }
}
