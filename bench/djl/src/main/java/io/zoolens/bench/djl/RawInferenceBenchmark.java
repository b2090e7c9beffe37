package io.zoolens.bench.djl;

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
import io.zoolens.model.Preprocessor;
import io.zoolens.model.TensorFlowNativeLibraries;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/**
 * Issue 7 (1): the default model's raw in-process throughput through DJL, the limit the service can
 * reach. The bare predictor ({@link NoopTranslator}, NDList in and out) on a photo letterboxed once
 * by the service's own {@link Preprocessor}; each call copies the detections out into a float[]
 * like the service does. Threads share one model (one TensorFlow session) and each has its own
 * predictor, as in the service; bench/tensorflow-java measures TensorFlow Java the same way.
 *
 * <p>Run with {@code make bench-inference}; {@link #main} probes which batch sizes the model
 * accepts, then runs JMH (SampleTime, ms per call) and writes {@code target/bench/results/raw-djl.json}.
 * With {@code -Dzoolens.engine=legacy} (given to Maven, which then puts DJL 0.28 + TensorFlow 2.10.1 on
 * the class path, and to this JVM) it writes {@code raw-djl-legacy.json} instead.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RawInferenceBenchmark {

    static final String RESULT_NAME = "raw-djl";
    /** The same benchmark on the engine before issue 16 (bench/djl's profile engine-legacy). */
    static final String LEGACY_RESULT_NAME = "raw-djl-legacy";

    /** One loaded model per fork, shared by the benchmark threads. */
    @State(Scope.Benchmark)
    public static class LoadedModel {

        /** Images per call; main passes only the sizes the probe found accepted. */
        @Param({"1"})
        public int batch;

        /** TensorFlow's ConfigProto thread pools, the same on the TensorFlow Java side. */
        @Param({"2"})
        public int intraOpThreads;

        @Param({"2"})
        public int interOpThreads;

        /** Repository-relative; recorded in the results. */
        @Param({"models/coco-centernet/1"})
        public String model;

        @Param({".cache/test-images/chelsea.png"})
        public String photo;

        /** Labels only, so the results say what ran: versions and TF_ENABLE_ONEDNN_OPTS. */
        @Param({"DJL + TensorFlow"})
        public String engine;

        @Param({"default"})
        public String oneDnnOpts;

        ZooModel<NDList, NDList> zooModel;
        String inputKey;
        String outputKey;
        ModelMetadata.Input spec;
        /** One letterboxed image, NHWC, values 0..255. */
        float[] image;

        @Setup(Level.Trial)
        public void load() throws IOException, ModelNotFoundException, MalformedModelException {
            Path root = InferenceBenchSettings.repositoryRoot();
            // Exactly as the service starts: our own copy of the natives, DJL offline.
            new TensorFlowNativeLibraries(nativeCacheDir(), getClass().getClassLoader()).prepare();
            // DJL builds each session's ConfigProto from these when the model loads.
            System.setProperty("ai.djl.tensorflow.num_intraop_threads", String.valueOf(intraOpThreads));
            System.setProperty("ai.djl.tensorflow.num_interop_threads", String.valueOf(interOpThreads));
            Path modelDir = root.resolve(model);
            ModelMetadata metadata = ModelPhoto.metadata(modelDir);
            spec = metadata.input();
            inputKey = spec.tensor();
            outputKey = metadata.outputs().detections();
            image = ModelPhoto.tensor(root.resolve(photo), spec);
            zooModel = Criteria.builder()
                    .setTypes(NDList.class, NDList.class)
                    .optModelPath(modelDir)
                    .optEngine("TensorFlow")
                    .optDevice(Device.cpu())
                    .optTranslator(new NoopTranslator())
                    .build()
                    .loadModel();
        }

        /** {@code batch} copies of the image as one named tensor, owned by {@code manager}. */
        NDList input(NDManager manager, int batch) {
            FloatBuffer values = FloatBuffer.allocate(image.length * batch);
            for (int i = 0; i < batch; i++) {
                values.put(image);
            }
            values.flip();
            NDArray array = manager.create(values, new Shape(batch, spec.height(), spec.width(), 3));
            array.setName(inputKey);
            return new NDList(array);
        }

        /** One inference, detections copied out as the service does. */
        float[] infer(Predictor<NDList, NDList> predictor, NDList input) throws TranslateException {
            try (NDList outputs = predictor.predict(input)) {
                return outputs.get(outputKey).toFloatArray();
            }
        }

        String engineLabel() {
            return "DJL " + Engine.getDjlVersion() + " + TensorFlow "
                    + Engine.getEngine("TensorFlow").getVersion();
        }

        @TearDown(Level.Trial)
        public void close() {
            if (zooModel != null) {
                zooModel.close();
            }
        }
    }

    /** Each benchmark thread's own predictor and input tensor. */
    @State(Scope.Thread)
    public static class ThreadPredictor {

        Predictor<NDList, NDList> predictor;
        NDManager manager;
        NDList input;

        @Setup(Level.Trial)
        public void open(LoadedModel model) throws TranslateException {
            predictor = model.zooModel.newPredictor();
            manager = model.zooModel.getNDManager().newSubManager();
            input = model.input(manager, model.batch);
            // Fails the trial with the engine's reason if this batch size is refused after all.
            model.infer(predictor, input);
        }

        @TearDown(Level.Trial)
        public void close() {
            predictor.close();
            manager.close();
        }
    }

    @Benchmark
    public float[] infer(LoadedModel model, ThreadPredictor thread) throws TranslateException {
        return model.infer(thread.predictor, thread.input);
    }

    public static void main(String[] args) throws Exception {
        boolean legacy = "legacy".equals(System.getProperty("zoolens.engine"));
        JmhRuns.probeRunAndReport(
                legacy ? "Raw DJL inference, legacy engine" : "Raw DJL inference",
                legacy ? LEGACY_RESULT_NAME : RESULT_NAME,
                RawInferenceBenchmark.class,
                RawInferenceBenchmark::probe);
    }

    /**
     * Tries each batch size once, so JMH only runs sizes the model takes: the default model's graph
     * was fixed at batch 1 until the importer made the batch dimension dynamic.
     */
    static JmhRuns.BatchProbe probe(InferenceBenchSettings settings) throws Exception {
        LoadedModel model = new LoadedModel();
        model.model = settings.model();
        model.photo = settings.photo();
        model.intraOpThreads = settings.intraOpThreads();
        model.interOpThreads = settings.interOpThreads();
        model.load();
        List<Integer> supported = new ArrayList<>();
        Map<Integer, String> refused = new LinkedHashMap<>();
        try (Predictor<NDList, NDList> predictor = model.zooModel.newPredictor()) {
            for (int batch : settings.batches()) {
                try (NDManager manager = model.zooModel.getNDManager().newSubManager()) {
                    float[] rows = model.infer(predictor, model.input(manager, batch));
                    supported.add(batch);
                    System.out.printf(
                            Locale.ROOT,
                            "batch %d accepted: %d output values; first image's top detection %s%n",
                            batch,
                            rows.length,
                            topDetection(rows));
                } catch (TranslateException | RuntimeException e) {
                    refused.put(batch, firstLine(e));
                    System.out.printf(Locale.ROOT, "batch %d refused: %s%n", batch, firstLine(e));
                }
            }
            double sum = 0;
            for (float v : model.image) {
                sum += v;
            }
            System.out.printf(Locale.ROOT, "input tensor checksum (sum of values): %.1f%n", sum);
            return new JmhRuns.BatchProbe(model.engineLabel(), supported, refused);
        } finally {
            model.close();
        }
    }

    /** The best-scoring {@code [x1, y1, x2, y2, score, class]} row among the first image's 100. */
    static String topDetection(float[] rows) {
        int best = 0;
        for (int row = 0; row < Math.min(rows.length, 600); row += 6) {
            if (rows[row + 4] > rows[best + 4]) {
                best = row;
            }
        }
        return String.format(
                Locale.ROOT,
                "class %d score %.6f box [%.2f, %.2f, %.2f, %.2f]",
                Math.round(rows[best + 5]),
                rows[best + 4],
                rows[best],
                rows[best + 1],
                rows[best + 2],
                rows[best + 3]);
    }

    private static Path nativeCacheDir() {
        String configured = System.getProperty("bench.nativeCacheDir");
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "zoolens", "tensorflow");
    }

    private static String firstLine(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
