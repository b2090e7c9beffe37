package io.zoolens.classifier.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads a version folder, loads its SavedModel on the chosen device and proves it with a warm-up run. */
@Component
class ModelLoader {

    static final String METADATA_FILE = "zoolens-model.json";
    static final String SAVED_MODEL_FILE = "saved_model.pb";
    private static final Logger log = LoggerFactory.getLogger(ModelLoader.class);

    private final Device device;
    private final ModelProperties properties;
    private final JsonMapper json;

    ModelLoader(Device device, ModelProperties properties, JsonMapper json) {
        this.device = device;
        this.properties = properties;
        this.json = json;
    }

    LoadedModel load(Path versionDir) throws IOException, InvalidModelException {
        long started = System.nanoTime();
        ModelMetadata metadata = readMetadata(versionDir);
        List<String> labels = readLabels(versionDir, metadata);
        Criteria<ModelInput, Prediction> criteria = Criteria.builder()
                .setTypes(ModelInput.class, Prediction.class)
                .optModelPath(versionDir)
                .optModelName(metadata.name())
                .optEngine("TensorFlow")
                .optDevice(device)
                .optTranslator(translatorFor(metadata, labels))
                .build();
        ZooModel<ModelInput, Prediction> zooModel;
        try {
            zooModel = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | RuntimeException e) {
            throw new InvalidModelException(versionDir, "TensorFlow could not load it: " + e.getMessage(), e);
        }
        LoadedModel loaded = new LoadedModel(metadata, labels, versionDir, zooModel, properties.effectivePredictors());
        try {
            warmUp(loaded);
        } catch (RuntimeException | TranslateException e) {
            loaded.retire();
            throw new InvalidModelException(versionDir, "the warm-up inference failed: " + e.getMessage(), e);
        }
        log.info(
                "Loaded model {} version {} ({}) from {} in {} ms",
                metadata.name(),
                metadata.version(),
                metadata.task().name().toLowerCase(),
                versionDir,
                (System.nanoTime() - started) / 1_000_000);
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
                declared.source());
        List<String> problems = ModelMetadataValidator.problems(metadata);
        if (!problems.isEmpty()) {
            throw new InvalidModelException(versionDir, String.join("; ", problems));
        }
        return metadata;
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
