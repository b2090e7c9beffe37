package io.zoolens.classifier.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zoolens.classifier.TestModels;
import io.zoolens.classifier.catalog.ModelRegistry;
import io.zoolens.image.testing.TestImages;
import io.zoolens.training.compose.ComposedModelWriter;
import io.zoolens.training.compose.TrainedVersion;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.features.FeatureExtractor;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.job.CustomModelTrainer;
import io.zoolens.training.job.TrainingLimits;
import io.zoolens.training.job.TrainingProgress;
import io.zoolens.training.job.TrainingRequest;
import io.zoolens.training.job.TrainingRequest.TrainingClass;
import io.zoolens.training.job.TrainingRequest.TrainingPicture;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real custom model, trained by model-training on the served {@code colour-features} embedding model and
 * written as a version: the classifier picks it up and applies its reject rule over HTTP, so a cat photo is
 * {@code unknown} (with every colour class as a hint) while a reddish picture stays "reddish".
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CustomModelRejectIT {

    private static final List<String> CLASSES = List.of("reddish", "greenish", "bluish");
    private static final String MODEL = "u-owner-colours";
    static Path modelsDir;

    @LocalServerPort
    int port;

    @Autowired
    ModelRegistry registry;

    @DynamicPropertySource
    static void models(DynamicPropertyRegistry registry) throws IOException {
        modelsDir = Files.createTempDirectory("zoolens-custom");
        TestModels.writeColourFeatures(modelsDir.resolve(TestModels.COLOUR_FEATURES + "/1"));
        registry.add("zoolens.models.dir", modelsDir::toString);
        registry.add("zoolens.models.default-model", () -> TestModels.COLOUR_FEATURES);
        registry.add("zoolens.models.scan-interval", () -> "200ms");
    }

    @Test
    void aPhotoUnlikeEveryClassIsUnknownWithHintsWhileAnInClassPictureGetsItsClass() throws Exception {
        writeTrainedVersion();
        await().atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> registry.resolve(MODEL, null).version().equals("1"));

        JsonNode reddish = classify(TestImages.encode(solid(0), "png"));
        assertThat(reddish.at("/unknown").asBoolean(true))
                .as(reddish.toString())
                .isFalse();
        assertThat(reddish.at("/labels/0/label").asString()).isEqualTo("reddish");
        assertThat(reddish.at("/reject/reasons").size()).isZero();

        JsonNode cat = classify(TestImages.fetched("chelsea.png"));
        assertThat(cat.at("/unknown").asBoolean(false)).as(cat.toString()).isTrue();
        assertThat(cat.at("/reject/reasons/0").asString()).isEqualTo("low-similarity");
        assertThat(cat.at("/reject/similarity").asDouble())
                .isLessThan(cat.at("/reject/minSimilarity").asDouble());
        List<String> hints = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        cat.get("labels").forEach(hint -> {
            hints.add(hint.get("label").asString());
            scores.add(hint.get("score").asDouble());
        });
        assertThat(hints).as("every class as a hint").containsExactlyInAnyOrderElementsOf(CLASSES);
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

        JsonNode plain = classify(TestImages.fetched("chelsea.png"), TestModels.COLOUR_FEATURES);
        assertThat(plain.has("unknown"))
                .as("a model without a rule answers as before")
                .isFalse();
        assertThat(plain.has("reject")).isFalse();
    }

    /** Six noisy 8×8 pictures per colour, trained and composed as version 1 of {@value #MODEL}. */
    private static void writeTrainedVersion() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Backbone backbone = Backbone.open(modelsDir.resolve(TestModels.COLOUR_FEATURES + "/1"), json);
        Random random = new Random(7);
        Map<String, BufferedImage> images = new HashMap<>();
        List<TrainingClass> classes = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            List<TrainingPicture> pictures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = CLASSES.get(c) + "-" + i;
                images.put(id, noisy(c, random));
                pictures.add(new TrainingPicture(
                        id,
                        HexFormat.of()
                                .formatHex(new byte[] {(byte) c, (byte) i})
                                .repeat(16)));
            }
            classes.add(new TrainingClass(CLASSES.get(c), pictures));
        }
        Path work = Files.createTempDirectory("zoolens-training");
        TrainedVersion trained;
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("extractor"), 6)) {
            trained = new CustomModelTrainer(
                            new FeatureCache(work.resolve("cache")),
                            new HeadTrainer(HeadTrainer.Settings.defaults()),
                            TrainingLimits.defaults(),
                            Clock.systemUTC(),
                            6,
                            1)
                    .train(
                            new TrainingRequest("owner", "Colours", backbone, classes),
                            extractor,
                            picture -> images.get(picture.id()),
                            TrainingProgress.NONE,
                            () -> false);
        }
        new ComposedModelWriter().write(modelsDir.resolve(MODEL), "1", trained);
    }

    /** Mostly colour {@code c}: that channel 150..229, the others 40..119. */
    private static BufferedImage noisy(int c, Random random) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    rgb[k] = (k == c ? 150 : 40) + random.nextInt(80);
                }
                image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return image;
    }

    /** Colour {@code c}'s average training picture, in one colour. */
    private static BufferedImage solid(int c) {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        int[] rgb = {80, 80, 80};
        rgb[c] = 190;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return image;
    }

    private JsonNode classify(byte[] image) {
        return classify(image, MODEL);
    }

    private JsonNode classify(byte[] image, String model) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .build()
                .post()
                .uri("/v1/models/" + model + ":classify")
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(image)
                .retrieve()
                .body(JsonNode.class);
    }
}
