package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, decode once: the api sends the classifier a 1008 px image (read at 1/4 scale) of a 12 MP upload instead
 * of the original. With
 * the real classifier and default model, the answer must stay the one the classifier gives the original itself:
 * the same top labels, and boxes within 1% of the original's size, in the original's upright pixels.
 */
@StackTest
class DecodeOnceIT {

    private static final int WIDTH = 4032;
    private static final int HEIGHT = 3024;

    private final GatewayClient client;
    private final NativeStack stack;

    DecodeOnceIT(GatewayClient client, NativeStack stack) {
        this.client = client;
        this.stack = stack;
    }

    @Test
    void aTwelveMegapixelUploadGetsTheClassifiersAnswerAboutTheOriginal() {
        byte[] photo = large("chelsea-12mp.jpg");

        assertSameAnswer(photo, WIDTH, HEIGHT);
    }

    @Test
    void anExifTurnedPhotosBoxesAreInTheUprightOriginal() {
        // A portrait photo stored landscape (4032 × 3024) with EXIF orientation 6, as a phone held upright writes it.
        byte[] photo = large("grace_hopper-12mp-exif6.jpg");

        assertSameAnswer(photo, HEIGHT, WIDTH);
    }

    /** The upload's answer against the classifier's own about the same bytes (it applies the EXIF orientation too). */
    private void assertSameAnswer(byte[] photo, int uprightWidth, int uprightHeight) {
        JsonNode direct = GatewayClient.json(GatewayClient.direct(
                HttpRequest.newBuilder(stack.classifier("/v1/models/coco-centernet:classify?topK=1000&minScore=0"))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                        .build()));
        assertThat(direct.path("image").path("width").asInt()).isEqualTo(uprightWidth);
        client.registerNewUser("phone");
        HttpResponse<String> upload = client.postMultipart(
                "/api/classifications", new Multipart().file("image", "phone.jpg", "image/jpeg", photo));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        String id = GatewayClient.json(upload).path("id").asString();
        JsonNode item = GatewayClient.json(client.get("/api/classifications/" + id + "?topK=5&minScore=0"));

        assertThat(item.path("image").path("width").asInt()).isEqualTo(uprightWidth);
        assertThat(item.path("image").path("height").asInt()).isEqualTo(uprightHeight);
        List<String> expected = labels(direct.path("labels"), 3);
        System.out.printf(
                "decode once: direct %s, through the api %s%n",
                scores(direct.path("labels"), 5), scores(item.path("labels"), 5));
        assertThat(labels(item.path("labels"), 3)).isEqualTo(expected);
        List<JsonNode> shown = new ArrayList<>();
        item.path("objects").forEach(object -> {
            if (object.path("score").asDouble() >= 0.3) {
                shown.add(object);
            }
        });
        assertThat(shown).isNotEmpty();
        for (JsonNode object : shown) {
            assertThat(direct.path("objects")
                            .valueStream()
                            .filter(candidate -> candidate.path("label").equals(object.path("label")))
                            .anyMatch(candidate ->
                                    close(candidate.path("box"), object.path("box"), uprightWidth, uprightHeight)))
                    .as(
                            "%s has a box of the classifier's own within 1%% of %d × %d",
                            object, uprightWidth, uprightHeight)
                    .isTrue();
        }
    }

    private static boolean close(JsonNode a, JsonNode b, int width, int height) {
        double dx = 0.01 * width;
        double dy = 0.01 * height;
        return Math.abs(a.path("x").asDouble() - b.path("x").asDouble()) <= dx
                && Math.abs(a.path("y").asDouble() - b.path("y").asDouble()) <= dy
                && Math.abs(a.path("width").asDouble() - b.path("width").asDouble()) <= dx
                && Math.abs(a.path("height").asDouble() - b.path("height").asDouble()) <= dy;
    }

    private static List<String> labels(JsonNode labels, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count && i < labels.size(); i++) {
            names.add(labels.get(i).path("label").asString());
        }
        return names;
    }

    private static String scores(JsonNode labels, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count && i < labels.size(); i++) {
            text.append(String.format(
                    "%s %.3f ",
                    labels.get(i).path("label").asString(),
                    labels.get(i).path("score").asDouble()));
        }
        return text.toString().trim();
    }

    /** A phone-sized photo scripts/LargeTestImages.java made (scripts/fetch-test-images.sh runs it). */
    private static byte[] large(String name) {
        try {
            return Files.readAllBytes(StackPaths.testImage("large/" + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
