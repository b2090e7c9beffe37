package io.zoolens.training.compose;

import static org.assertj.core.api.Assertions.assertThat;
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
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.Preprocessor;
import io.zoolens.training.DefaultBackbone;
import io.zoolens.training.VariablesSavedModel;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.features.FeatureExtractor;
import io.zoolens.training.features.VariableFreezer;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.job.CustomModelTrainer;
import io.zoolens.training.job.TrainingLimits;
import io.zoolens.training.job.TrainingProgress;
import io.zoolens.training.job.TrainingRequest;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import tools.jackson.databind.json.JsonMapper;

/**
 * A feature extractor saved as Keras saves one (weights in {@code variables/}, built and exported by TensorFlow's
 * Java API) is frozen into constants with exactly its checkpoint's values, answers as the original does on real
 * pictures, and serves as the backbone of a custom model whose composed graph answers as the Java head does.
 */
class VariableBackboneIT {

    private static final List<Integer> CLASSES = List.of(1, 7, 8); // trouser, sneaker, bag
    private static final Path WORK = Path.of("target", "variable-backbone-it");
    private static final Path PHOTOS = Path.of("..", ".cache", "test-images");
    private final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void natives() {
        DefaultBackbone.prepareNatives();
    }

    @Test
    void theFrozenGraphHoldsTheCheckpointValuesAndAnswersAsTheOriginal() throws Exception {
        assumeTrue(FashionMnist.installed(), "apt-get install dataset-fashion-mnist");
        Path dir = fresh("freeze").resolve("models/tiny-keras/1");
        VariablesSavedModel.Weights weights = VariablesSavedModel.write(dir, "tiny-keras", "1", 14);
        assertThat(dir.resolve("variables/variables.index")).isRegularFile();
        assertThat(ops(savedGraph(dir))).contains("VariableV2", "RestoreV2");

        long started = System.nanoTime();
        VariableFreezer.Frozen frozen = VariableFreezer.freeze(dir);
        long freezeMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(frozen.variables()).isEqualTo(3);
        assertThat(frozen.values()).isEqualTo(3 * 3 * 3 * 8 + 8 + 3 * 3 * 8 * 16);
        assertThat(ops(frozen.graph()))
                .as("no variable, read, write, save or restore node is left")
                .doesNotContain(
                        "VarHandleOp",
                        "ReadVariableOp",
                        "VariableV2",
                        "AssignVariableOp",
                        "Assign",
                        "SaveV2",
                        "RestoreV2");
        assertThat(frozen.graph().getNodeList())
                .extracting(NodeDef::getName)
                .as("the initialisers' placeholders are not needed by the signature")
                .noneMatch(name -> name.startsWith("init/"));
        assertThat(constValues(frozen.graph(), "conv1", "kernel")).containsExactly(weights.kernel1());
        assertThat(constValues(frozen.graph(), "conv1", "bias")).containsExactly(weights.bias1());
        assertThat(constValues(frozen.graph(), "conv2", "kernel")).containsExactly(weights.kernel2());
        assertThat(frozen.signature().getOutputsMap()).containsKey(VariablesSavedModel.OUTPUT);

        List<BufferedImage> pictures = new ArrayList<>();
        FashionMnist.sample("t10k", 1, 5).forEach(p -> pictures.add(p.image()));
        pictures.addAll(photos());
        ModelMetadata metadata =
                json.readValue(dir.resolve("zoolens-model.json").toFile(), ModelMetadata.class);
        float[] original = runOriginal(dir, metadata, pictures);

        Backbone backbone = Backbone.open(dir, json);
        float[][] frozenFeatures;
        Path extractorDir = WORK.resolve("freeze/extractor");
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, extractorDir, 4)) {
            frozenFeatures = extractor.extract(pictures);
        }
        assertThat(extractorDir.resolve("variables"))
                .as("the frozen graph runs without a checkpoint")
                .doesNotExist();
        int d = VariablesSavedModel.DIMENSION;
        for (int i = 0; i < pictures.size(); i++) {
            for (int j = 0; j < d; j++) {
                assertThat(frozenFeatures[i][j])
                        .as("picture %d, feature %d", i, j)
                        .isCloseTo(original[i * d + j], within(1e-5f));
            }
        }
        assertThat(maxDifference(frozenFeatures[0], frozenFeatures[pictures.size() - 1]))
                .as("different pictures give different features")
                .isGreaterThan(1e-2f);
        System.out.printf(
                "VariableBackboneIT: froze %d variables (%d values) in %d ms; %d pictures compared%n",
                frozen.variables(), frozen.values(), freezeMillis, pictures.size());
    }

    @Test
    void aCustomModelOnTheFrozenBackboneAnswersAsItsJavaHead() throws Exception {
        assumeTrue(FashionMnist.installed(), "apt-get install dataset-fashion-mnist");
        Path work = fresh("train");
        Path backboneDir = work.resolve("models/tiny-keras/2");
        VariablesSavedModel.write(backboneDir, "tiny-keras", "2", 15);
        Backbone backbone = Backbone.open(backboneDir, json);

        Map<String, BufferedImage> byId = new HashMap<>();
        List<TrainingRequest.TrainingClass> classes = new ArrayList<>();
        List<FashionMnist.Picture> train = FashionMnist.sample("train", 10, 3);
        for (int c : CLASSES) {
            List<TrainingRequest.TrainingPicture> members = new ArrayList<>();
            for (FashionMnist.Picture picture : train) {
                if (picture.label() == c) {
                    byId.put(picture.id(), picture.image());
                    members.add(new TrainingRequest.TrainingPicture(
                            picture.id(),
                            HexFormat.of()
                                    .formatHex(picture.id().getBytes())
                                    .repeat(8)
                                    .substring(0, 64)));
                }
            }
            classes.add(new TrainingRequest.TrainingClass(FashionMnist.LABELS.get(c), members));
        }
        List<FashionMnist.Picture> probes = FashionMnist.sample("t10k", 10, 4).stream()
                .filter(p -> CLASSES.contains(p.label()))
                .toList();
        List<BufferedImage> probeImages =
                new ArrayList<>(probes.stream().map(FashionMnist.Picture::image).toList());
        probeImages.addAll(photos());

        TrainedVersion trained;
        float[][] probeFeatures;
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("extractor"), 8)) {
            trained = new CustomModelTrainer(
                            new FeatureCache(work.resolve("cache")),
                            new HeadTrainer(HeadTrainer.Settings.defaults()),
                            TrainingLimits.defaults(),
                            Clock.systemUTC(),
                            8,
                            1)
                    .train(
                            new TrainingRequest("owner-3", "Trousers, sneakers and bags", backbone, classes),
                            extractor,
                            picture -> byId.get(picture.id()),
                            TrainingProgress.NONE,
                            () -> false);
            probeFeatures = extractor.extract(probeImages);
        }
        Path version = new ComposedModelWriter().write(work.resolve("models/u-owner-3-m1"), "1", trained);

        assertThat(version.resolve("variables")).doesNotExist();
        assertThat(json.readTree(version.resolve("zoolens-model.json").toFile())
                        .path("backbone")
                        .path("name")
                        .asString())
                .isEqualTo("tiny-keras");
        ModelMetadata metadata =
                json.readValue(backboneDir.resolve("zoolens-model.json").toFile(), ModelMetadata.class);
        Map<String, float[]> outputs = runComposed(version, metadata, probeImages);
        float[] scores = outputs.get(ComposedModelWriter.SCORES);
        List<String> labels = trained.head().labels();
        int right = 0;
        for (int i = 0; i < probeImages.size(); i++) {
            double[] expected = trained.head().probabilities(probeFeatures[i]);
            for (int c = 0; c < labels.size(); c++) {
                assertThat((double) scores[i * labels.size() + c])
                        .as("picture %d, class %d", i, c)
                        .isCloseTo(expected[c], within(1e-5));
            }
            if (i < probes.size()
                    && labels.get(argMax(expected))
                            .equals(FashionMnist.LABELS.get(probes.get(i).label()))) {
                right++;
            }
        }
        double accuracy = (double) right / probes.size();
        System.out.printf(
                "VariableBackboneIT: %d/%d held-out pictures named right (%.0f%%), cross-validated %.1f%%%n",
                right, probes.size(), 100 * accuracy, 100 * trained.evaluation().accuracy());
        assertThat(accuracy).as("held-out accuracy, chance 1/3").isGreaterThan(0.6);
    }

    @Test
    void kerasResourceVariablesAreFrozenToo() throws Exception {
        Path dir = fresh("resource").resolve("models/tiny-keras-resource/1");
        VariablesSavedModel.Weights weights =
                VariablesSavedModel.writeWithResourceVariables(dir, "tiny-keras-resource", "1", 16);
        assertThat(dir.resolve("variables/variables.index")).isRegularFile();
        assertThat(ops(savedGraph(dir))).contains("VarHandleOp", "ReadVariableOp", "RestoreV2", "AssignVariableOp");

        VariableFreezer.Frozen frozen = VariableFreezer.freeze(dir);

        assertThat(frozen.variables()).isEqualTo(3);
        assertThat(ops(frozen.graph()))
                .contains("Const", "Identity")
                .doesNotContain("VarHandleOp", "ReadVariableOp", "AssignVariableOp", "SaveV2", "RestoreV2");
        assertThat(constValues(frozen.graph(), "conv1", "kernel")).containsExactly(weights.kernel1());
        assertThat(constValues(frozen.graph(), "conv2", "kernel")).containsExactly(weights.kernel2());

        List<BufferedImage> pictures = photos();
        assumeTrue(!pictures.isEmpty(), "scripts/fetch-test-images.sh");
        ModelMetadata metadata =
                json.readValue(dir.resolve("zoolens-model.json").toFile(), ModelMetadata.class);
        float[] original = runOriginal(dir, metadata, pictures);
        float[][] frozenFeatures;
        try (FeatureExtractor extractor =
                FeatureExtractor.open(Backbone.open(dir, json), WORK.resolve("resource/extractor"), 4)) {
            frozenFeatures = extractor.extract(pictures);
        }
        int d = VariablesSavedModel.DIMENSION;
        for (int i = 0; i < pictures.size(); i++) {
            for (int j = 0; j < d; j++) {
                assertThat(frozenFeatures[i][j])
                        .as("photo %d, feature %d", i, j)
                        .isCloseTo(original[i * d + j], within(1e-5f));
            }
        }
        assertThat(maxDifference(frozenFeatures[0], frozenFeatures[1])).isGreaterThan(1e-2f);
    }

    private static List<BufferedImage> photos() throws Exception {
        List<BufferedImage> photos = new ArrayList<>();
        for (String photo : List.of("chelsea.png", "rocket.jpg", "coffee.png")) {
            Path file = PHOTOS.resolve(photo);
            if (Files.isRegularFile(file)) {
                photos.add(ImageIO.read(file.toFile()));
            }
        }
        return photos;
    }

    private static GraphDef savedGraph(Path dir) throws Exception {
        try (InputStream in = Files.newInputStream(dir.resolve("saved_model.pb"))) {
            return SavedModel.parseFrom(in).getMetaGraphs(0).getGraphDef();
        }
    }

    private static Set<String> ops(GraphDef graph) {
        return graph.getNodeList().stream().map(NodeDef::getOp).collect(java.util.stream.Collectors.toSet());
    }

    /** The constant that replaced variable {@code scope/name} (TensorFlow Java may number the scope). */
    private static float[] constValues(GraphDef graph, String scope, String name) {
        NodeDef node = graph.getNodeList().stream()
                .filter(n -> n.getName().matches(scope + "(_\\d+)?/" + name))
                .findFirst()
                .orElseThrow();
        assertThat(node.getOp()).isEqualTo("Const");
        FloatBuffer floats = ByteBuffer.wrap(node.getAttrOrThrow("value")
                        .getTensor()
                        .getTensorContent()
                        .toByteArray())
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        float[] values = new float[floats.remaining()];
        floats.get(values);
        return values;
    }

    /** The exported SavedModel as it is, variables restored by TensorFlow as DJL loads it. */
    private static float[] runOriginal(Path dir, ModelMetadata metadata, List<BufferedImage> images) throws Exception {
        Map<String, float[]> outputs = run(dir, metadata, images);
        assertThat(outputs).containsKey(VariablesSavedModel.OUTPUT);
        return outputs.get(VariablesSavedModel.OUTPUT);
    }

    private static Map<String, float[]> runComposed(Path dir, ModelMetadata metadata, List<BufferedImage> images)
            throws Exception {
        Map<String, float[]> outputs = run(dir, metadata, images);
        assertThat(outputs).containsKeys(ComposedModelWriter.SCORES, ComposedModelWriter.SIMILARITY);
        return outputs;
    }

    private static Map<String, float[]> run(Path dir, ModelMetadata metadata, List<BufferedImage> images)
            throws Exception {
        Preprocessor preprocessor = new Preprocessor(metadata.input());
        List<ModelInput> inputs =
                images.stream().map(image -> preprocessor.prepare(image, 1, 0f)).toList();
        int each = inputs.get(0).size();
        float[] batch = new float[each * images.size()];
        for (int i = 0; i < inputs.size(); i++) {
            inputs.get(i).tensor().duplicate().rewind().get(batch, i * each, each);
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir)
                .optEngine("TensorFlow")
                .optTranslator(new NoopTranslator())
                .build();
        int size = VariablesSavedModel.SIZE;
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager("TensorFlow")) {
            NDArray array = manager.create(batch, new Shape(images.size(), size, size, 3));
            array.setName(metadata.input().tensor());
            Map<String, float[]> outputs = new HashMap<>();
            for (NDArray output : predictor.predict(new NDList(array))) {
                outputs.put(output.getName(), output.toFloatArray());
            }
            return outputs;
        }
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    private static float maxDifference(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static Path fresh(String name) throws Exception {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
