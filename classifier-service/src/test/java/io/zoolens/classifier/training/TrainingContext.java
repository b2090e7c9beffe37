package io.zoolens.classifier.training;

import io.zoolens.classifier.Readiness;
import io.zoolens.image.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One Spring context for the training ITs: a writable models folder in a temporary directory holding the real
 * default model (linked, never written), the feature cache beside it, and HTTP helpers that keep every status.
 * The scan interval is long, so a trained version is served only because the endpoint rescans before answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class TrainingContext {

    static final String BACKBONE = "coco-centernet";
    static Path root;
    static Path modelsDir;
    static Path cacheDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) throws IOException {
        root = Files.createTempDirectory("zoolens-training-it");
        modelsDir = Files.createDirectories(root.resolve("models"));
        cacheDir = root.resolve("feature-cache");
        Path defaultModel = TestImages.repositoryRoot().resolve("models").resolve(BACKBONE);
        if (!Files.isDirectory(defaultModel.resolve("1"))) {
            throw new IllegalStateException("the default model is missing: run scripts/fetch-default-model.sh");
        }
        Files.createSymbolicLink(modelsDir.resolve(BACKBONE), defaultModel);
        registry.add("zoolens.models.dir", modelsDir::toString);
        registry.add("zoolens.models.scan-interval", () -> "1h");
    }

    /** The backbone loads in the background after start-up; until then feature requests get 503 model-not-ready. */
    @BeforeEach
    void backboneLoaded() {
        Readiness.await(RestTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .build());
    }

    /** A status and its JSON body (null for 204). */
    record Answer(int status, JsonNode body) {}

    RestClient client() {
        return RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    Answer postJson(String uri, Object body) {
        return client().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .exchange((request, response) ->
                        new Answer(response.getStatusCode().value(), response.bodyTo(JsonNode.class)));
    }

    Answer postImages(String uri, List<byte[]> images) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        for (int i = 0; i < images.size(); i++) {
            String name = "picture-" + i + ".png";
            parts.add("image", new ByteArrayResource(images.get(i)) {
                @Override
                public String getFilename() {
                    return name;
                }
            });
        }
        return client().post()
                .uri(uri)
                .contentType(MediaType.MULTIPART_FORM_DATA)
                .body(parts)
                .exchange((request, response) ->
                        new Answer(response.getStatusCode().value(), response.bodyTo(JsonNode.class)));
    }

    Answer postImage(String uri, byte[] image) {
        return client().post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(image)
                .exchange((request, response) ->
                        new Answer(response.getStatusCode().value(), response.bodyTo(JsonNode.class)));
    }

    Answer delete(String uri) {
        return client().delete()
                .uri(uri)
                .exchange((request, response) ->
                        new Answer(response.getStatusCode().value(), response.bodyTo(JsonNode.class)));
    }

    /** {@code count} different crops (some mirrored) of a fetched photo, as PNG: distinct bytes, same subject. */
    static List<byte[]> crops(String photo, int count, long seed) {
        BufferedImage source;
        try {
            source = ImageIO.read(new ByteArrayInputStream(TestImages.fetched(photo)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Random random = new Random(seed);
        List<byte[]> crops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int w = (int) (source.getWidth() * (0.75 + 0.2 * random.nextDouble()));
            int h = (int) (source.getHeight() * (0.75 + 0.2 * random.nextDouble()));
            int x = random.nextInt(source.getWidth() - w + 1);
            int y = random.nextInt(source.getHeight() - h + 1);
            boolean mirrored = i % 2 == 1;
            BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    int from = mirrored ? x + w - 1 - col : x + col;
                    crop.setRGB(col, row, source.getRGB(from, y + row));
                }
            }
            crops.add(TestImages.encode(crop, "png"));
        }
        return crops;
    }

    /** Hashes that no picture has. */
    static List<String> madeUpHashes(int count, int salt) {
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(
                    HexFormat.of().formatHex(new byte[] {(byte) salt, (byte) i}).repeat(16));
        }
        return hashes;
    }
}
