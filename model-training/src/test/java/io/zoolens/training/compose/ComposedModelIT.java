package io.zoolens.training.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.zoolens.image.testing.FashionMnist;
import io.zoolens.model.GraphNodes;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.ModelMetadataValidator;
import io.zoolens.model.PooledFeatures;
import io.zoolens.model.Preprocessor;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import io.zoolens.training.DefaultBackbone;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.features.FeatureExtractor;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.SoftmaxHead;
import io.zoolens.training.job.CustomModelTrainer;
import io.zoolens.training.job.TrainingLimits;
import io.zoolens.training.job.TrainingProgress;
import io.zoolens.training.job.TrainingRequest;
import io.zoolens.training.reject.RejectRule;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trained head composed with the default backbone into one SavedModel, run through DJL: its probabilities
 * equal the Java head's on the same pictures within 1e-5, its centroid similarity the reject rule's, and its
 * folder is complete (metadata the classifier accepts, with backbone, training, metrics and reject rule).
 */
class ComposedModelIT {

    private static final List<Integer> CLASSES = List.of(1, 7, 8); // trouser, sneaker, bag
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theComposedModelAnswersWhatTheJavaHeadAnswers() throws Exception {
        assumeTrue(FashionMnist.installed(), "apt-get install dataset-fashion-mnist");
        assumeTrue(DefaultBackbone.present(), "scripts/fetch-default-model.sh");
        DefaultBackbone.prepareNatives();
        Path work = Path.of("target", "composed-it");
        deleteRecursively(work);
        Backbone backbone = DefaultBackbone.open(work.resolve("backbones"));

        List<FashionMnist.Picture> pictures = FashionMnist.sample("train", 6, 3).stream()
                .filter(p -> CLASSES.contains(p.label()))
                .toList();
        List<BufferedImage> probes = new ArrayList<>();
        FashionMnist.sample("t10k", 1, 3).stream()
                .filter(p -> CLASSES.contains(p.label()))
                .forEach(p -> probes.add(p.image()));
        for (String photo : List.of("chelsea.png", "rocket.jpg")) {
            probes.add(
                    ImageIO.read(Path.of("..", ".cache", "test-images", photo).toFile()));
        }
        List<String> labels = CLASSES.stream().map(FashionMnist.LABELS::get).toList();
        // Trained the way a training job does: pictures by id and content hash, features cached per owner.
        Map<String, BufferedImage> byId = new HashMap<>();
        List<TrainingRequest.TrainingClass> classes = new ArrayList<>();
        for (int c : CLASSES) {
            List<TrainingRequest.TrainingPicture> members = new ArrayList<>();
            for (FashionMnist.Picture picture : pictures) {
                if (picture.label() == c) {
                    byId.put(picture.id(), picture.image());
                    members.add(new TrainingRequest.TrainingPicture(picture.id(), sha256(picture.id())));
                }
            }
            classes.add(new TrainingRequest.TrainingClass(FashionMnist.LABELS.get(c), members));
        }
        CustomModelTrainer trainer = new CustomModelTrainer(
                new FeatureCache(work.resolve("feature-cache")),
                new HeadTrainer(HeadTrainer.Settings.defaults()),
                TrainingLimits.defaults(),
                Clock.fixed(Instant.parse("2026-12-05T09:00:00Z"), ZoneOffset.UTC),
                8,
                1);
        float[][] probeFeatures;
        TrainedVersion trained;
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("extractor"), 8)) {
            trained = trainer.train(
                    new TrainingRequest("owner-1", "Trousers, sneakers and bags", backbone, classes),
                    extractor,
                    picture -> byId.get(picture.id()),
                    TrainingProgress.NONE,
                    () -> false);
            probeFeatures = extractor.extract(probes);
        }
        SoftmaxHead head = trained.head();
        RejectRule rule = trained.reject();
        Path modelDir = work.resolve("models").resolve("u-owner-1-m1");

        Path version = new ComposedModelWriter().write(modelDir, "1", trained);

        try (Stream<Path> entries = Files.list(modelDir)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("1");
        }
        assertThatThrownBy(() -> new ComposedModelWriter().write(modelDir, "1", trained))
                .isInstanceOf(FileAlreadyExistsException.class);
        ModelMetadata metadata =
                json.readValue(version.resolve("zoolens-model.json").toFile(), ModelMetadata.class);
        assertThat(ModelMetadataValidator.problems(metadata)).isEmpty();
        assertThat(metadata.task()).isEqualTo(ModelMetadata.Task.CLASSIFICATION);
        assertThat(Files.readAllLines(version.resolve("labels.txt"))).isEqualTo(labels);
        JsonNode tree = json.readTree(version.resolve("zoolens-model.json").toFile());
        assertThat(tree.path("backbone").path("name").asString()).isEqualTo("coco-centernet");
        assertThat(tree.path("backbone").path("version").asString()).isEqualTo("1");
        assertThat(tree.path("training").path("counts").path("bag").asInt()).isEqualTo(6);
        assertThat(tree.path("training").path("createdAt").asString()).isEqualTo("2026-12-05T09:00:00Z");
        assertThat(tree.path("metrics").path("method").asString()).isEqualTo("leave-one-out");
        assertThat(tree.path("metrics").path("confusion").size()).isEqualTo(3);
        assertThat(tree.path("reject").path("minSimilarity").asDouble()).isEqualTo(rule.minSimilarity());
        assertThat(tree.path("owner").asString()).isEqualTo("owner-1");

        org.tensorflow.proto.SavedModel saved;
        try (java.io.InputStream in = Files.newInputStream(version.resolve("saved_model.pb"))) {
            saved = org.tensorflow.proto.SavedModel.parseFrom(in);
        }
        assertThat(saved.getMetaGraphs(0).getGraphDef().getNodeList())
                .extracting(org.tensorflow.proto.NodeDef::getName)
                .as("the detection head and blocks after the features are left out")
                .noneMatch(name -> name.startsWith("tower_0/CenternetHead") || name.contains("expanded_conv_13/"));

        Map<String, float[]> outputs = run(version, metadata, probes);
        float[] scores = outputs.get(ComposedModelWriter.SCORES);
        float[] similarity = outputs.get(ComposedModelWriter.SIMILARITY);
        assertThat(scores).hasSize(probes.size() * 3);
        for (int i = 0; i < probes.size(); i++) {
            double[] expected = head.probabilities(probeFeatures[i]);
            for (int c = 0; c < 3; c++) {
                assertThat((double) scores[i * 3 + c])
                        .as("picture %d, class %d", i, c)
                        .isCloseTo(expected[c], within(1e-5));
            }
            double expectedSimilarity =
                    rule.decide(labels, probeFeatures[i], expected, 1).similarity();
            assertThat((double) similarity[i])
                    .as("similarity of picture %d", i)
                    .isCloseTo(expectedSimilarity, within(1e-5));
        }
    }

    @Test
    void pooledFeaturesAreTheNormalisedMeanOrMeanAndMaxOfEachChannel() throws Exception {
        DefaultBackbone.prepareNatives();
        // Two images of 2×2 cells with 2 channels; channel values per cell in row-major order.
        float[] x = {1, -2, 3, 0, 5, 2, -1, 4, /* second image */ 0, 0, 0, 0, 0, 0, 0, 1};
        GraphDef.Builder graph = GraphDef.newBuilder().addNode(GraphNodes.placeholder("x"));
        String mean = PooledFeatures.append(graph, "x", PooledFeatures.Pooling.MEAN, "mean");
        String meanMax = PooledFeatures.append(graph, "x", PooledFeatures.Pooling.MEAN_MAX, "mean_max");
        Path dir = Path.of("target", "pooled-features-it");
        deleteRecursively(dir);
        SavedModelWriter.write(
                graph.build(),
                Map.of("x", new TensorSpec("x", DataType.DT_FLOAT, -1, 2, 2, 2)),
                Map.of(
                        "mean", new TensorSpec(mean, DataType.DT_FLOAT, -1, 2),
                        "mean_max", new TensorSpec(meanMax, DataType.DT_FLOAT, -1, 4)),
                dir);

        Map<String, float[]> out = run(dir, "x", FloatBuffer.wrap(x), new long[] {2, 2, 2, 2});

        // Image 1: channel means (1+3+5−1)/4 = 2 and (−2+0+2+4)/4 = 1, maxima 5 and 4; image 2: 0, 0.25 and 0, 1.
        double n1 = Math.sqrt(5);
        double n2 = Math.sqrt(46);
        double n3 = Math.sqrt(1.0625);
        float[] expectedMean = {(float) (2 / n1), (float) (1 / n1), 0, 1};
        float[] expectedMeanMax = {
            (float) (2 / n2),
            (float) (1 / n2),
            (float) (5 / n2),
            (float) (4 / n2),
            0,
            (float) (0.25 / n3),
            0,
            (float) (1 / n3)
        };
        assertThat(out.get("mean")).containsExactly(expectedMean, within(1e-6f));
        assertThat(out.get("mean_max")).containsExactly(expectedMeanMax, within(1e-6f));
    }

    private static Map<String, float[]> run(Path version, ModelMetadata metadata, List<BufferedImage> images)
            throws Exception {
        Preprocessor preprocessor = new Preprocessor(metadata.input());
        List<ModelInput> inputs =
                images.stream().map(image -> preprocessor.prepare(image, 1, 0f)).toList();
        long[] shape = inputs.get(0).shape().clone();
        shape[0] = images.size();
        FloatBuffer batch = FloatBuffer.allocate(inputs.get(0).size() * images.size());
        inputs.forEach(input -> batch.put(input.tensor().duplicate().rewind()));
        batch.flip();
        return run(version, metadata.input().tensor(), batch, shape);
    }

    private static Map<String, float[]> run(Path version, String inputKey, FloatBuffer batch, long[] shape)
            throws Exception {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(version)
                .optEngine("TensorFlow")
                .optTranslator(new NoopTranslator())
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager("TensorFlow")) {
            NDArray array = manager.create(batch, new Shape(shape));
            array.setName(inputKey);
            Map<String, float[]> outputs = new HashMap<>();
            for (NDArray output : predictor.predict(new NDList(array))) {
                outputs.put(output.getName(), output.toFloatArray());
            }
            return outputs;
        }
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
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
