package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/** Uploads of a real photo, and the records the API keeps of them as their owner sees them. */
final class Classifications {

    private static final byte[] PHOTO = photo();

    private Classifications() {}

    private static byte[] photo() {
        try {
            return Files.readAllBytes(StackPaths.testImage("chelsea.png"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadRun.Named upload(GatewayClient user) {
        return new LoadRun.Named(
                "upload",
                user.postMultipart(
                        "/api/classifications", new Multipart().file("image", "chelsea.png", "image/png", PHOTO)));
    }

    /** A read of the user's newest records, the cheap request of a load. */
    static LoadRun.Named list(GatewayClient user) {
        return new LoadRun.Named("list", user.get("/api/classifications?size=5"));
    }

    /** The ids of the uploads the API accepted (201 classified, 202 PENDING). */
    static Set<String> accepted(Answers answers) {
        Set<String> ids = new LinkedHashSet<>();
        for (Answers.Answer answer : answers.matching(a -> a.request().equals("upload") && a.isSuccess())) {
            assertThat(answer.status()).as(answer.body()).isIn(201, 202);
            ids.add(answer.json().path("id").asString());
        }
        return ids;
    }

    /** Every record of the user, all pages. */
    static List<JsonNode> all(GatewayClient user) {
        List<JsonNode> items = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> answer = user.get("/api/classifications?size=100&page=" + page);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode json = GatewayClient.json(answer);
            json.path("items").forEach(items::add);
            if (page + 1 >= json.path("totalPages").asInt()) {
                return items;
            }
        }
    }

    /** Waits until none of the user's records is PENDING any more, and answers them all. */
    static List<JsonNode> awaitNonePending(GatewayClient user, Duration atMost) {
        AtomicReference<List<JsonNode>> latest = new AtomicReference<>();
        Awaitility.await("no PENDING classification left")
                .atMost(atMost)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    latest.set(all(user));
                    return latest.get().stream()
                            .noneMatch(item -> item.path("status").asString().equals("PENDING"));
                });
        return latest.get();
    }

    /** A complete record: classified, with a result, and both its image and thumbnail still there. */
    static void assertComplete(GatewayClient user, JsonNode item) {
        String id = item.path("id").asString();
        assertThat(item.path("status").asString()).as(id).isEqualTo("DONE");
        assertThat(item.path("model").path("name").asString()).as(id).isEqualTo("coco-centernet");
        assertThat(item.path("image").path("sha256").asString()).as(id).isNotBlank();
        assertThat(user.getBytes("/api/classifications/" + id + "/image").statusCode())
                .as(id)
                .isEqualTo(200);
        assertThat(user.getBytes("/api/classifications/" + id + "/thumbnail").statusCode())
                .as(id)
                .isEqualTo(200);
    }

    static Set<String> ids(List<JsonNode> items) {
        Set<String> ids = new LinkedHashSet<>();
        items.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }
}
