package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 end to end, through the gateway over TLS with the real classifier and default model as backbone: three
 * albums of real photos (different crops of a cat, a cup of coffee and a rocket, 6 each), a custom model of them,
 * a training followed as server-sent events to SUCCEEDED, then a new crop of the cat classified with the custom
 * model: every class with its percentage, the cat first.
 */
@StackTest
class CustomModelJourneyIT {

    private static final Map<String, String> PHOTOS =
            Map.of("cat", "chelsea.png", "coffee", "coffee.png", "rocket", "rocket.jpg");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GatewayClient browser;
    private final NativeStack stack;

    CustomModelJourneyIT(GatewayClient browser, NativeStack stack) {
        this.browser = browser;
        this.stack = stack;
    }

    @Test
    void aUserTrainsAModelOnTheirAlbumsFollowsItAndClassifiesWithIt() throws Exception {
        browser.registerNewUser("custom");
        Map<String, String> albums = new LinkedHashMap<>();
        for (String label : List.of("cat", "coffee", "rocket")) {
            HttpResponse<String> album = browser.postJson("/api/albums", Map.of("name", label));
            assertThat(album.statusCode()).as(album.body()).isEqualTo(201);
            String albumId = GatewayClient.json(album).path("id").asString();
            albums.put(label, albumId);
            for (byte[] crop : crops(PHOTOS.get(label), 6, label.hashCode())) {
                HttpResponse<String> upload = browser.postMultipart(
                        "/api/classifications?albumId=" + albumId,
                        new Multipart().file("image", label + ".png", "image/png", crop));
                assertThat(upload.statusCode()).as(upload.body()).isIn(201, 202);
            }
        }
        HttpResponse<String> created = browser.postJson(
                "/api/custom-models",
                Map.of("name", "Cat, coffee or rocket", "albumIds", List.copyOf(albums.values())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String modelId = GatewayClient.json(created).path("id").asString();

        long started = System.nanoTime();
        HttpResponse<String> training = browser.post("/api/custom-models/" + modelId + "/trainings");
        assertThat(training.statusCode()).as(training.body()).isEqualTo(202);
        String jobId = GatewayClient.json(training).path("id").asString();
        HttpResponse<String> events = browser.get(
                "/api/custom-models/" + modelId + "/trainings/" + jobId + "/events", "Accept", "text/event-stream");
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(events.statusCode()).as(events.body()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<JsonNode> progress = events.body()
                .lines()
                .filter(line -> line.startsWith("data:"))
                .map(line -> JSON.readTree(line.substring(5)))
                .toList();
        assertThat(progress).as(events.body()).isNotEmpty();
        JsonNode last = progress.get(progress.size() - 1);
        assertThat(last.path("state").asString()).as(events.body()).isEqualTo("SUCCEEDED");
        assertThat(last.path("version").asString()).isEqualTo("1");
        assertThat(progress).anyMatch(p -> p.path("stage").asString().equals("FEATURES"));
        System.out.printf(
                "Custom model journey: 18 pictures, %d progress events, training done %.1f s after the request%n",
                progress.size(), seconds);

        JsonNode model = GatewayClient.json(browser.get("/api/custom-models/" + modelId));
        assertThat(model.path("activeVersion").asString()).isEqualTo("1");
        JsonNode version = model.path("versions").get(0);
        assertThat(version.path("pictures").asInt()).isEqualTo(18);
        assertThat(version.path("metrics").path("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(version.path("classes").findValuesAsString("label")).containsExactly("cat", "coffee", "rocket");

        byte[] newCat = crops("chelsea.png", 1, 99).get(0);
        HttpResponse<String> classified = browser.postMultipart(
                "/api/classifications?customModelId=" + modelId, // a custom model's default: every class
                new Multipart().file("image", "new-cat.png", "image/png", newCat));
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(201);
        JsonNode answer = GatewayClient.json(classified);
        assertThat(answer.path("model").path("name").asString())
                .startsWith("u-")
                .endsWith("-" + modelId);
        assertThat(answer.path("model").path("version").asString()).isEqualTo("1");
        assertThat(answer.path("topLabel").asString()).isEqualTo("cat");
        List<String> labels = answer.path("labels").findValuesAsString("label");
        assertThat(labels).as("every class, best first").containsExactlyInAnyOrder("cat", "coffee", "rocket");
        assertThat(labels.get(0)).isEqualTo("cat");
        assertThat(answer.path("unknown").asBoolean()).as(classified.body()).isFalse();

        // A photo unlike every class is none of them: unknown, with the classes as hints, not a 90% wrong answer.
        HttpResponse<String> unrelated = browser.postMultipart(
                "/api/classifications?customModelId=" + modelId + "&topK=10&minScore=0",
                new Multipart()
                        .file(
                                "image",
                                "flower.jpg",
                                "image/jpeg",
                                Files.readAllBytes(StackPaths.testImage("flower.jpg"))));
        assertThat(unrelated.statusCode()).as(unrelated.body()).isEqualTo(201);
        JsonNode none = GatewayClient.json(unrelated);
        assertThat(none.path("unknown").asBoolean()).as(unrelated.body()).isTrue();
        assertThat(none.path("reject").path("reasons").isEmpty())
                .as(unrelated.body())
                .isFalse();
        assertThat(none.path("labels").findValuesAsString("label"))
                .containsExactlyInAnyOrder("cat", "coffee", "rocket");

        // Another account cannot use it, and the plain model parameter cannot name its folder.
        GatewayClient intruder = new GatewayClient(stack);
        intruder.registerNewUser("intruder");
        assertThat(intruder.postMultipart(
                                "/api/classifications?customModelId=" + modelId,
                                new Multipart().file("image", "cat.png", "image/png", newCat))
                        .statusCode())
                .isEqualTo(404);
        assertThat(intruder.postMultipart(
                                "/api/classifications?model="
                                        + answer.path("model").path("name").asString(),
                                new Multipart().file("image", "cat.png", "image/png", newCat))
                        .statusCode())
                .isEqualTo(404);
        assertThat(GatewayClient.json(browser.get("/api/models")).path("models").findValuesAsString("name"))
                .noneMatch(name -> name.startsWith("u-"));
    }

    /** {@code count} different crops (every second one mirrored) of a test photo, as PNG: same subject, new bytes. */
    static List<byte[]> crops(String photo, int count, long seed) throws IOException {
        BufferedImage source = ImageIO.read(Files.newInputStream(StackPaths.testImage(photo)));
        Random random = new Random(seed);
        List<byte[]> crops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int w = (int) (source.getWidth() * (0.75 + 0.2 * random.nextDouble()));
            int h = (int) (source.getHeight() * (0.75 + 0.2 * random.nextDouble()));
            int x = random.nextInt(source.getWidth() - w + 1);
            int y = random.nextInt(source.getHeight() - h + 1);
            BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int from = i % 2 == 1 ? x + w - 1 - col : x + col;
                    crop.setRGB(col, row, source.getRGB(from, y + row));
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(crop, "png", png)) {
                throw new UncheckedIOException(new IOException("no PNG writer"));
            }
            crops.add(png.toByteArray());
        }
        return crops;
    }
}
