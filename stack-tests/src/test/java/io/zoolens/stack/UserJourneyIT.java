package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A visitor's whole visit through the gateway over TLS, with the real classifier and default model: register,
 * sign in, classify a real photo, find it in the history, give feedback, sign out.
 */
@StackTest
class UserJourneyIT {

    private final GatewayClient browser;

    UserJourneyIT(GatewayClient browser) {
        this.browser = browser;
    }

    @Test
    void aVisitorRegistersSignsInClassifiesACatReviewsItAndSignsOut() throws Exception {
        JsonNode user = browser.registerNewUser("journey");
        String username = user.path("username").asString();
        assertThat(browser.cookie("SESSION")).isNotBlank();

        assertThat(browser.post("/api/auth/logout").statusCode()).isEqualTo(204);
        assertThat(browser.get("/api/auth/me").statusCode()).isEqualTo(401);

        HttpResponse<String> signIn =
                browser.postJson("/api/auth/login", Map.of("login", username, "password", GatewayClient.PASSWORD));
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
        assertThat(GatewayClient.json(browser.get("/api/auth/me"))
                        .path("username")
                        .asString())
                .isEqualTo(username);

        byte[] photo = Files.readAllBytes(StackPaths.testImage("chelsea.png"));
        HttpResponse<String> upload = browser.postMultipart(
                "/api/classifications", new Multipart().file("image", "chelsea.png", "image/png", photo));
        assertThat(upload.statusCode()).as(upload.body()).isIn(201, 202);
        String id = GatewayClient.json(upload).path("id").asString();

        JsonNode classification = classified(id);
        assertThat(classification.path("status").asString()).isEqualTo("DONE");
        assertThat(classification.path("model").path("name").asString()).isEqualTo("coco-centernet");
        assertThat(classification.path("topLabel").asString()).isEqualTo("cat");
        assertThat(classification.path("objects").size()).isPositive();

        JsonNode history = GatewayClient.json(browser.get("/api/classifications?page=0&size=20"));
        assertThat(history.path("items").findValuesAsString("id")).contains(id);
        HttpResponse<byte[]> original = browser.getBytes("/api/classifications/" + id + "/image");
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(photo);
        assertThat(browser.getBytes("/api/classifications/" + id + "/thumbnail")
                        .headers()
                        .firstValue("Content-Type"))
                .hasValue("image/jpeg");

        HttpResponse<String> feedback =
                browser.putJson("/api/classifications/" + id + "/feedback", Map.of("correct", true));
        assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(200);
        assertThat(GatewayClient.json(feedback).path("feedback").path("correct").asBoolean())
                .isTrue();
        JsonNode reviewed = GatewayClient.json(browser.get("/api/classifications?feedback=correct"));
        assertThat(reviewed.path("items").findValuesAsString("id")).containsExactly(id);

        assertThat(browser.post("/api/auth/logout").statusCode()).isEqualTo(204);
        assertThat(browser.get("/api/auth/me").statusCode()).isEqualTo(401);
        assertThat(browser.get("/api/classifications/" + id).statusCode()).isIn(401, 404);
    }

    /** The classification once the classifier answered (201 at once, or 202 and a short wait). */
    private JsonNode classified(String id) {
        AtomicReference<JsonNode> latest = new AtomicReference<>();
        Awaitility.await("classification " + id)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    latest.set(GatewayClient.json(browser.get("/api/classifications/" + id)));
                    return !"PENDING".equals(latest.get().path("status").asString());
                });
        return latest.get();
    }
}
