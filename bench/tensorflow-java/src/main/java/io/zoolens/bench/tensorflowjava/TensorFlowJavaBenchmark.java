package io.zoolens.bench.tensorflowjava;

import io.zoolens.bench.jmhsupport.InferenceBenchSettings;
import io.zoolens.bench.jmhsupport.JmhRuns;
import io.zoolens.bench.jmhsupport.ModelPhoto;
import io.zoolens.model.ModelMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
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
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Issue 7 (5): the peer a Java user would pick instead of DJL. TensorFlow Java runs the default
 * model's SavedModel in-process on the same letterboxed photo as classifier-service's
 * {@code RawInferenceBenchmark}, with the same parameters and the same sharing: threads share one
 * loaded bundle (one session, as DJL's predictors share one model) and each feeds its own input
 * tensor; outputs are copied into a float[] on every call.
 *
 * <p>Run with {@code make bench-inference}; {@link #main} writes {@code target/bench/results/tensorflow-java.json}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TensorFlowJavaBenchmark {

    static final String RESULT_NAME = "tensorflow-java";
    static final String SIGNATURE = "serving_default";

    /** One loaded bundle per fork, shared by the benchmark threads. */
    @State(Scope.Benchmark)
    public static class LoadedModel {

        @Param({"1"})
        public int batch;

        /** TensorFlow's ConfigProto thread pools, the same on the DJL side. */
        @Param({"2"})
        public int intraOpThreads;

        @Param({"2"})
        public int interOpThreads;

        @Param({"models/coco-centernet/1"})
        public String model;

        @Param({".cache/test-images/chelsea.png"})
        public String photo;

        /** Labels only, so the results say what ran: versions and TF_ENABLE_ONEDNN_OPTS. */
        @Param({"TensorFlow Java"})
        public String engine;

        @Param({"default"})
        public String oneDnnOpts;

        SavedModelBundle bundle;
        SessionFunction function;
        String inputKey;
        String outputKey;
        int size;
        /** One letterboxed image, NHWC, values 0..255. */
        float[] image;

        @Setup(Level.Trial)
        public void load() throws IOException {
            Path root = InferenceBenchSettings.repositoryRoot();
            ConfigProto config = ConfigProto.newBuilder()
                    .setIntraOpParallelismThreads(intraOpThreads)
                    .setInterOpParallelismThreads(interOpThreads)
                    .setAllowSoftPlacement(true) // as DJL's session config
                    .build();
            bundle = SavedModelBundle.loader(root.resolve(model).toString())
                    .withTags(SavedModelBundle.DEFAULT_TAG)
                    .withConfigProto(config)
                    .load();
            function = bundle.function(SIGNATURE);
            Signature signature = function.signature();
            if (signature.inputNames().size() != 1) {
                throw new IllegalStateException("expected one input, the signature has " + signature);
            }
            inputKey = signature.inputNames().iterator().next();
            outputKey = signature.outputNames().stream()
                    .filter(name -> name.endsWith("detections"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no detections output in " + signature));
            Shape inputShape = signature.getInputs().get(inputKey).shape;
            size = (int) inputShape.get(1);
            if (size <= 0 || inputShape.get(2) != size) {
                throw new IllegalStateException("expected a square NHWC input of known size, got " + inputShape);
            }
            ModelMetadata.Input spec = ModelPhoto.metadata(root.resolve(model)).input();
            if (spec.width() != size || spec.height() != size) {
                throw new IllegalStateException(
                        "the signature's input " + inputShape + " is not the metadata's " + spec);
            }
            image = ModelPhoto.tensor(root.resolve(photo), spec);
        }

        /** {@code batch} copies of the image as one tensor; the caller closes it. */
        TFloat32 input(int batch) {
            float[] values = new float[image.length * batch];
            for (int i = 0; i < batch; i++) {
                System.arraycopy(image, 0, values, i * image.length, image.length);
            }
            return TFloat32.tensorOf(Shape.of(batch, size, size, 3), DataBuffers.of(values, true, false));
        }

        /** One call of the serving signature, detections copied out as the service does with DJL. */
        float[] infer(TFloat32 input) {
            try (Result result = function.call(Map.of(inputKey, input))) {
                TFloat32 detections = (TFloat32) result.get(outputKey).orElseThrow();
                float[] values = new float[(int) detections.size()];
                detections.copyTo(DataBuffers.of(values, false, false));
                return values;
            }
        }

        String engineLabel() {
            return "TensorFlow Java " + tensorFlowJavaVersion() + " + TensorFlow " + TensorFlow.version();
        }

        @TearDown(Level.Trial)
        public void close() {
            if (bundle != null) {
                bundle.close();
            }
        }
    }

    /** Each benchmark thread's own input tensor. */
    @State(Scope.Thread)
    public static class ThreadInput {

        TFloat32 input;

        @Setup(Level.Trial)
        public void open(LoadedModel model) {
            input = model.input(model.batch);
            // Fails the trial with TensorFlow's reason if this batch size is refused after all.
            model.infer(input);
        }

        @TearDown(Level.Trial)
        public void close() {
            input.close();
        }
    }

    @Benchmark
    public float[] infer(LoadedModel model, ThreadInput thread) {
        return model.infer(thread.input);
    }

    public static void main(String[] args) throws Exception {
        JmhRuns.probeRunAndReport(
                "TensorFlow Java inference",
                RESULT_NAME,
                TensorFlowJavaBenchmark.class,
                TensorFlowJavaBenchmark::probe);
    }

    /** Tries each batch size once, so JMH only runs sizes the model takes. */
    static JmhRuns.BatchProbe probe(InferenceBenchSettings settings) throws IOException {
        LoadedModel model =
                open(settings.model(), settings.photo(), settings.intraOpThreads(), settings.interOpThreads());
        try {
            List<Integer> supported = new ArrayList<>();
            Map<Integer, String> refused = new LinkedHashMap<>();
            for (int batch : settings.batches()) {
                try (TFloat32 input = model.input(batch)) {
                    float[] rows = model.infer(input);
                    supported.add(batch);
                    System.out.printf(
                            Locale.ROOT,
                            "batch %d accepted: %d output values; first image's top detection %s%n",
                            batch,
                            rows.length,
                            Detection.best(rows));
                } catch (RuntimeException e) {
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

    /** A loaded model outside JMH, for the probe and the tests. */
    static LoadedModel open(String model, String photo, int intraOpThreads, int interOpThreads) throws IOException {
        LoadedModel loaded = new LoadedModel();
        loaded.model = model;
        loaded.photo = photo;
        loaded.intraOpThreads = intraOpThreads;
        loaded.interOpThreads = interOpThreads;
        loaded.load();
        return loaded;
    }

    private static String tensorFlowJavaVersion() {
        try (InputStream in = SavedModelBundle.class.getResourceAsStream(
                "/META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
