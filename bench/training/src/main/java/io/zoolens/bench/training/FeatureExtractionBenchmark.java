package io.zoolens.bench.training;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.zoolens.bench.jmhsupport.InferenceBenchSettings;
import io.zoolens.bench.jmhsupport.JmhRuns;
import io.zoolens.bench.jmhsupport.ModelPhoto;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureExtractor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.results.RunResult;
import org.tensorflow.proto.DataType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14 (a): how fast model-training's {@link FeatureExtractor} turns pictures into feature vectors, against
 * the raw inference limit of the same backbone ({@code RawInferenceBenchmark} in bench/djl): the same photo, the
 * same batch sizes (8 as the trainer runs it, and 1), one caller (the extractor is not thread-safe), the same
 * TensorFlow pools and JMH settings. One call = {@code extract} of {@code batch} decoded copies of the photo:
 * letterboxing by model-support's Preprocessor, one run of the {@code features} signature, vectors copied out.
 *
 * <p>Run with {@code make bench-inference}; writes {@code target/bench/results/features.json} (JMH JSON,
 * SampleTime in ms per call), which the report compares with {@code raw-djl.json}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FeatureExtractionBenchmark {

    static final String RESULT_NAME = "features";

    /** What both methods run on; the same names and values as bench/djl's parameters. */
    @State(Scope.Benchmark)
    public abstract static class Setting {

        /** Pictures per call: FeatureExtractor's batch size. */
        @Param({"8"})
        public int batch;

        @Param({"2"})
        public int intraOpThreads;

        @Param({"2"})
        public int interOpThreads;

        @Param({"models/coco-centernet/1"})
        public String model;

        @Param({".cache/test-images/chelsea.png"})
        public String photo;

        /** Labels only, as in bench/djl. */
        @Param({"FeatureExtractor"})
        public String engine;

        @Param({"default"})
        public String oneDnnOpts;

        Path workDir;

        Backbone backbone() throws IOException {
            BenchmarkPaths.prepareNatives(intraOpThreads, interOpThreads);
            workDir = Files.createTempDirectory("zoolens-bench-features");
            return Backbone.open(
                    InferenceBenchSettings.repositoryRoot().resolve(model),
                    JsonMapper.builder().build());
        }

        void deleteWorkDir() throws IOException {
            if (workDir != null) {
                try (Stream<Path> paths = Files.walk(workDir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }
    }

    /** model-training's extractor, as a training job uses it. */
    @State(Scope.Benchmark)
    public static class Extractor extends Setting {

        FeatureExtractor extractor;
        List<BufferedImage> images;
        Path workDir;

        @Setup(Level.Trial)
        public void open() throws IOException {
            Path root = InferenceBenchSettings.repositoryRoot();
            BenchmarkPaths.prepareNatives(intraOpThreads, interOpThreads);
            Backbone backbone =
                    Backbone.open(root.resolve(model), JsonMapper.builder().build());
            workDir = Files.createTempDirectory("zoolens-bench-features");
            extractor = FeatureExtractor.open(backbone, workDir.resolve("graph"), batch);
            images = Collections.nCopies(batch, rgb(root.resolve(photo)));
            // The first, slowest call happens here, as in bench/djl; and shows what one call returns.
            float[][] vectors = extractor.extract(images);
            double norm = 0;
            for (float v : vectors[0]) {
                norm += (double) v * v;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s: %d vectors of %d values (first one's length %.4f)%n",
                    backbone.features(),
                    vectors.length,
                    vectors[0].length,
                    Math.sqrt(norm));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (extractor != null) {
                extractor.close();
            }
            deleteWorkDir();
        }
    }

    /**
     * The limit of the extractor's own graph: the same pruned {@code features} SavedModel through a bare predictor
     * on a tensor letterboxed once, vectors copied out, as RawInferenceBenchmark runs the whole detector. The
     * difference to {@link #extract} is what the extractor adds: letterboxing each picture, building the batch.
     */
    @State(Scope.Benchmark)
    public static class BareFeatures extends Setting {

        ZooModel<NDList, NDList> zooModel;
        Predictor<NDList, NDList> predictor;
        NDManager manager;
        NDList input;

        @Setup(Level.Trial)
        public void open() throws IOException, ModelNotFoundException, MalformedModelException, TranslateException {
            Backbone backbone = backbone();
            Path graph = workDir.resolve("graph");
            SavedModelWriter.write(
                    backbone.graph(),
                    Map.of(backbone.inputKey(), backbone.input()),
                    Map.of(FeatureExtractor.FEATURES, new TensorSpec(backbone.features(), DataType.DT_FLOAT, -1, -1)),
                    graph);
            zooModel = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(graph)
                    .optEngine("TensorFlow")
                    .optDevice(Device.cpu())
                    .optTranslator(new NoopTranslator())
                    .build()
                    .loadModel();
            predictor = zooModel.newPredictor();
            manager = zooModel.getNDManager().newSubManager();
            ModelMetadata.Input spec = backbone.metadata().input();
            float[] image =
                    ModelPhoto.tensor(InferenceBenchSettings.repositoryRoot().resolve(photo), spec);
            FloatBuffer values = FloatBuffer.allocate(image.length * batch);
            for (int i = 0; i < batch; i++) {
                values.put(image);
            }
            values.flip();
            NDArray array = manager.create(values, new Shape(batch, spec.height(), spec.width(), 3));
            array.setName(backbone.inputKey());
            input = new NDList(array);
            infer();
        }

        float[] infer() throws TranslateException {
            try (NDList outputs = predictor.predict(input)) {
                return outputs.get(0).toFloatArray();
            }
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            if (predictor != null) {
                predictor.close();
                manager.close();
                zooModel.close();
            }
            deleteWorkDir();
        }
    }

    @Benchmark
    public float[][] extract(Extractor state) {
        return state.extractor.extract(state.images);
    }

    @Benchmark
    public float[] bareFeatures(BareFeatures state) throws TranslateException {
        return state.infer();
    }

    /** Decoded once and drawn into RGB, as a training job's picture source hands pictures over. */
    static BufferedImage rgb(Path photo) throws IOException {
        if (!Files.isRegularFile(photo)) {
            throw new IllegalStateException(photo + " is missing: run scripts/fetch-test-images.sh");
        }
        BufferedImage decoded = ImageIO.read(photo.toFile());
        BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(decoded, 0, 0, null);
        return rgb;
    }

    public static void main(String[] args) throws Exception {
        InferenceBenchSettings base = InferenceBenchSettings.fromSystemProperties();
        List<Integer> batches = BenchmarkPaths.ints("bench.training.batches", base.smoke() ? "1" : "1,8");
        // One caller, the batch sizes above; everything else exactly as bench/djl's run.
        InferenceBenchSettings settings = new InferenceBenchSettings(
                base.model(),
                base.photo(),
                batches,
                List.of(1),
                base.intraOpThreads(),
                base.interOpThreads(),
                base.forks(),
                base.warmupIterations(),
                base.iterations(),
                base.iterationSeconds(),
                // per method (extract, bareFeatures): 2 batch sizes in about a minute, so make bench stays short
                Integer.getInteger("bench.training.budgetSeconds", 60),
                base.smoke());
        BenchmarkPaths.prepareNatives(settings.intraOpThreads(), settings.interOpThreads());
        String engine = "DJL " + Engine.getDjlVersion() + " + TensorFlow "
                + Engine.getEngine("TensorFlow").getVersion();
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("batch", batches.stream().map(String::valueOf).toList());
        params.put("intraOpThreads", List.of(String.valueOf(settings.intraOpThreads())));
        params.put("interOpThreads", List.of(String.valueOf(settings.interOpThreads())));
        params.put("model", List.of(settings.model()));
        params.put("photo", List.of(settings.photo()));
        params.put("engine", List.of(engine));
        params.put("oneDnnOpts", List.of(BenchmarkPaths.oneDnnOpts()));
        Path resultFile = BenchmarkPaths.results().resolve(RESULT_NAME + ".json");
        List<RunResult> runs = new ArrayList<>();
        List<String> jsonArrays = new ArrayList<>();
        for (String method : List.of("extract", "bareFeatures")) {
            Path part = resultFile.resolveSibling(RESULT_NAME + "-" + method + ".json");
            List<RunResult> methodRuns =
                    JmhRuns.run(FeatureExtractionBenchmark.class.getName() + "." + method, params, settings, part);
            JmhRuns.printSummary(
                    "Feature extraction (model-training), " + method + ", " + engine + ", " + settings.model(),
                    methodRuns);
            runs.addAll(methodRuns);
            jsonArrays.add(Files.readString(part));
            Files.delete(part);
        }
        Files.writeString(resultFile, JmhRuns.concatenateJsonArrays(jsonArrays));
        System.out.println("results in " + resultFile);
        if (runs.size() != 2 * batches.size()) {
            System.err.println("Some benchmark runs failed; see the JMH output above.");
            System.exit(1);
        }
    }
}
