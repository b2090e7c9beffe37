package io.zoolens.classifier.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.tensorflow.engine.javacpp.JavacppUtils;
import ai.djl.translate.TranslateException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.classifier.catalog.ModelProperties;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.ModelMetadataValidator;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads a version folder, loads its SavedModel on the chosen device and proves it with a warm-up run. */
@Component
public class ModelLoader {

    public static final String METADATA_FILE = "zoolens-model.json";
    static final String SAVED_MODEL_FILE = "saved_model.pb";
    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final Device device;
    private final ModelProperties properties;
    private final InferenceProperties inference;
    private final JsonMapper json;
    private final MeterRegistry meters;

    ModelLoader(
            Device device,
            ModelProperties properties,
            InferenceProperties inference,
            JsonMapper json,
            MeterRegistry meters) {
        this.device = device;
        this.properties = properties;
        this.inference = inference;
        this.json = json;
        this.meters = meters;
    }

    public LoadedModel load(Path versionDir) throws IOException, InvalidModelException {
        long started = System.nanoTime();
        ModelMetadata metadata = readMetadata(versionDir);
        List<String> labels = readLabels(versionDir, metadata);
        InferenceProperties.Settings settings = inference.forModel(metadata.name(), properties.effectivePredictors());
        Criteria<ModelBatch, ModelBatch.Predictions> criteria = Criteria.builder()
                .setTypes(ModelBatch.class, ModelBatch.Predictions.class)
                .optModelPath(versionDir)
                .optModelName(metadata.name())
                .optEngine("TensorFlow")
                .optDevice(device)
                .optOption("ConfigProto", sessionConfig(settings))
                .optTranslator(translatorFor(metadata, labels))
                .build();
        ZooModel<ModelBatch, ModelBatch.Predictions> zooModel;
        try {
            zooModel = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new InvalidModelException(versionDir, "TensorFlow could not load it: " + e.getMessage(), e);
        }
        int maxBatch = takesBatches(zooModel, metadata) ? settings.maxBatch() : 1;
        DistributionSummary batchSizes = DistributionSummary.builder("zoolens.inference.batch.size")
                .description("Images per inference, per model version (dynamic batching)")
                .tag("model", metadata.name())
                .tag("version", metadata.version())
                .register(meters);
        LoadedModel loaded =
                new LoadedModel(metadata, labels, versionDir, zooModel, settings, maxBatch, batchSizes::record);
        try {
            warmUp(loaded);
        } catch (RuntimeException | TranslateException e) {
            loaded.retire();
            throw new InvalidModelException(versionDir, "the warm-up inference failed: " + e.getMessage(), e);
        }
        log.info(
                "Loaded model {} version {} ({}) from {} in {} ms: {} predictors, batches of up to {}, queue {}",
                metadata.name(),
                metadata.version(),
                metadata.task().name().toLowerCase(),
                versionDir,
                (System.nanoTime() - started) / 1_000_000,
                settings.predictors(),
                maxBatch,
                settings.queueCapacity());
        return loaded;
    }

    private ModelMetadata readMetadata(Path versionDir) throws InvalidModelException {
        ModelMetadata declared;
        try {
            declared = json.readValue(versionDir.resolve(METADATA_FILE).toFile(), ModelMetadata.class);
        } catch (RuntimeException e) {
            throw new InvalidModelException(versionDir, METADATA_FILE + " is not valid: " + e.getMessage(), e);
        }
        // The folder names are the truth; the file may repeat them but must not contradict them.
        String name = versionDir.getParent().getFileName().toString();
        String version = versionDir.getFileName().toString();
        if ((declared.name() != null && !declared.name().equals(name))
                || (declared.version() != null && !declared.version().equals(version))) {
            throw new InvalidModelException(
                    versionDir,
                    "it declares " + declared.name() + "/" + declared.version() + " but lies in " + name + "/"
                            + version);
        }
        ModelMetadata metadata = new ModelMetadata(
                name,
                version,
                declared.task(),
                declared.description(),
                declared.input(),
                declared.outputs(),
                declared.labels(),
                declared.postprocess(),
                declared.source(),
                declared.reject());
        List<String> problems = ModelMetadataValidator.problems(metadata);
        if (!problems.isEmpty()) {
            throw new InvalidModelException(versionDir, String.join("; ", problems));
        }
        return metadata;
    }

    /** DJL's session settings with this model's TensorFlow thread pools (0 keeps TensorFlow's choice). */
    private static String sessionConfig(InferenceProperties.Settings settings) {
        var config = JavacppUtils.getSessionConfig().toBuilder();
        if (settings.intraOpThreads() > 0) {
            config.setIntraOpParallelismThreads(settings.intraOpThreads());
        }
        if (settings.interOpThreads() > 0) {
            config.setInterOpParallelismThreads(settings.interOpThreads());
        }
        return Base64.getEncoder().encodeToString(config.build().toByteArray());
    }

    /** Whether the graph's input has an open batch dimension (a fixed 1 means one image per run). */
    private static boolean takesBatches(ZooModel<?, ?> model, ModelMetadata metadata) {
        var inputs = model.describeInput();
        for (int i = 0; inputs != null && i < inputs.size(); i++) {
            if (metadata.input().tensor().equals(inputs.get(i).getKey())) {
                long[] shape = inputs.get(i).getValue().getShape();
                return shape.length > 0 && shape[0] < 0;
            }
        }
        return false;
    }

    private static List<String> readLabels(Path versionDir, ModelMetadata metadata) throws IOException {
        if (metadata.labels() == null) {
            return List.of();
        }
        return Files.readAllLines(versionDir.resolve(metadata.labels())).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static TensorInputTranslator translatorFor(ModelMetadata metadata, List<String> labels) {
        return switch (metadata.task()) {
            case CLASSIFICATION -> new ClassificationTranslator(metadata, labels);
            case DETECTION -> new DetectionTranslator(metadata, labels);
            case EMBEDDING -> new EmbeddingTranslator(metadata);
        };
    }

    /** A grey image through the full path: proves the graph runs before anyone relies on it. */
    private static void warmUp(LoadedModel model) throws TranslateException {
        ModelMetadata.Input input = model.metadata().input();
        BufferedImage grey = new BufferedImage(input.width(), input.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grey.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, input.width(), input.height());
        g.dispose();
        model.predict(model.preprocessor().prepare(grey, 1, 0f), Duration.ofMinutes(1));
    }
}
