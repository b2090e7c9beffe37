package io.zoolens.training.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.zoolens.model.GraphNodes;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.PooledFeatures;
import io.zoolens.model.Preprocessor;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import io.zoolens.training.DefaultBackbone;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import tools.jackson.databind.json.JsonMapper;

/**
 * Any model of task {@code embedding} can be the backbone: a tiny one (mean and max colour of an 8×8 picture,
 * normalised or not) learns reddish, greenish and bluish pictures, and its composed version answers as its head
 * does, with the centroid similarity the reject rule computes (a cosine, whatever the length of the output).
 */
class EmbeddingBackboneIT {

    private static final List<String> COLOURS = List.of("reddish", "greenish", "bluish");

    @ParameterizedTest(name = "unit-length output: {0}")
    @ValueSource(booleans = {true, false})
    void aTinyEmbeddingModelServesAsBackbone(boolean unitLength) throws Exception {
        DefaultBackbone.prepareNatives();
        JsonMapper json = JsonMapper.builder().build();
        Path work = Path.of("target", "embedding-backbone-it-" + unitLength);
        deleteRecursively(work);
        Path backboneDir = work.resolve("models/colour-features/3");
        writeTinyEmbeddingModel(backboneDir, json, unitLength);
        Backbone backbone = Backbone.open(backboneDir, json);

        Random random = new Random(5);
        Map<String, BufferedImage> images = new HashMap<>();
        List<TrainingClass> classes = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            List<TrainingPicture> pictures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String id = COLOURS.get(c) + "-" + i;
                images.put(id, picture(c, random));
                pictures.add(new TrainingPicture(
                        id,
                        HexFormat.of()
                                .formatHex(new byte[] {(byte) c, (byte) i})
                                .repeat(16)));
            }
            classes.add(new TrainingClass(COLOURS.get(c), pictures));
        }
        List<BufferedImage> probes = List.of(picture(0, random), picture(1, random), picture(2, random));

        TrainedVersion trained;
        float[][] probeFeatures;
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("extractor"), 4)) {
            trained = new CustomModelTrainer(
                            new FeatureCache(work.resolve("cache")),
                            new HeadTrainer(HeadTrainer.Settings.defaults()),
                            TrainingLimits.defaults(),
                            Clock.systemUTC(),
                            4,
                            1)
                    .train(
                            new TrainingRequest("owner-2", "Colours", backbone, classes),
                            extractor,
                            picture -> images.get(picture.id()),
                            TrainingProgress.NONE,
                            () -> false);
            probeFeatures = extractor.extract(probes);
        }
        Path version = new ComposedModelWriter().write(work.resolve("models/u-owner-2-colours"), "1", trained);

        assertThat(json.readTree(version.resolve("zoolens-model.json").toFile())
                        .path("backbone")
                        .path("name")
                        .asString())
                .isEqualTo("colour-features");
        Map<String, float[]> outputs = run(version, backbone.metadata(), probes);
        float[] scores = outputs.get(ComposedModelWriter.SCORES);
        float[] similarity = outputs.get(ComposedModelWriter.SIMILARITY);
        for (int i = 0; i < probes.size(); i++) {
            double[] expected = trained.head().probabilities(probeFeatures[i]);
            assertThat(expected[i]).as("probe %d is named right", i).isGreaterThan(0.5);
            for (int c = 0; c < 3; c++) {
                assertThat((double) scores[i * 3 + c]).isCloseTo(expected[c], within(1e-5));
            }
            double expectedSimilarity = trained.reject()
                    .decide(COLOURS, probeFeatures[i], expected, 1)
                    .similarity();
            assertThat((double) similarity[i])
                    .as("similarity of probe %d", i)
                    .isCloseTo(expectedSimilarity, within(1e-5));
        }
    }

    /** An 8×8 picture of mostly colour {@code c}, with noise. */
    private static BufferedImage picture(int c, Random random) {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int[] rgb = new int[3];
                for (int k = 0; k < 3; k++) {
                    rgb[k] = Math.min(255, (k == c ? 150 : 40) + random.nextInt(80));
                }
                image.setRGB(x, y, (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
            }
        }
        return image;
    }

    /**
     * pixels [-1, 8, 8, 3] → mean and max per channel → L2-normalised (or then scaled by 7.5, so not unit length):
     * task embedding, output "embedding".
     */
    private static void writeTinyEmbeddingModel(Path dir, JsonMapper json, boolean unitLength) throws Exception {
        GraphDef.Builder graph = GraphDef.newBuilder().addNode(GraphNodes.placeholder("pixels"));
        String features = PooledFeatures.append(graph, "pixels", PooledFeatures.Pooling.MEAN_MAX, "colour");
        if (!unitLength) {
            graph.addNode(GraphNodes.floatScalar("colour/scale", 7.5f));
            graph.addNode(GraphNodes.floatOp("Mul", "colour/scaled", features, "colour/scale"));
            features = "colour/scaled";
        }
        SavedModelWriter.write(
                graph.build(),
                Map.of("pixels", new TensorSpec("pixels", DataType.DT_FLOAT, -1, 8, 8, 3)),
                Map.of("embedding", new TensorSpec(features, DataType.DT_FLOAT, -1, 6)),
                dir);
        ModelMetadata metadata = new ModelMetadata(
                "colour-features",
                "3",
                ModelMetadata.Task.EMBEDDING,
                "Mean and max colour",
                new ModelMetadata.Input(
                        "pixels",
                        8,
                        8,
                        ModelMetadata.Layout.NHWC,
                        ModelMetadata.Resize.STRETCH,
                        List.of(0f, 1f),
                        List.of(0f),
                        List.of(1f)),
                new ModelMetadata.Outputs(null, null, "embedding"),
                null,
                null,
                null);
        json.writeValue(dir.resolve("zoolens-model.json").toFile(), metadata);
    }

    private static Map<String, float[]> run(Path version, ModelMetadata metadata, List<BufferedImage> images)
            throws Exception {
        Preprocessor preprocessor = new Preprocessor(metadata.input());
        List<ModelInput> inputs =
                images.stream().map(image -> preprocessor.prepare(image, 1, 0f)).toList();
        float[] batch = new float[inputs.get(0).size() * images.size()];
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i)
                    .tensor()
                    .duplicate()
                    .rewind()
                    .get(batch, i * inputs.get(0).size(), inputs.get(0).size());
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(version)
                .optEngine("TensorFlow")
                .optTranslator(new NoopTranslator())
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager("TensorFlow")) {
            NDArray array = manager.create(batch, new Shape(images.size(), 8, 8, 3));
            array.setName("pixels");
            Map<String, float[]> outputs = new HashMap<>();
            for (NDArray output : predictor.predict(new NDList(array))) {
                outputs.put(output.getName(), output.toFloatArray());
            }
            assertThat(outputs).containsKeys(ComposedModelWriter.SCORES, ComposedModelWriter.SIMILARITY);
            return outputs;
        }
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
