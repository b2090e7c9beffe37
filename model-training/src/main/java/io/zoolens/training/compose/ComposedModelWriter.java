package io.zoolens.training.compose;

import static io.zoolens.model.GraphNodes.bool;
import static io.zoolens.model.GraphNodes.floatConst;
import static io.zoolens.model.GraphNodes.floatOp;
import static io.zoolens.model.GraphNodes.int32Scalar;
import static io.zoolens.model.GraphNodes.reduce;

import io.zoolens.model.ModelMetadata;
import io.zoolens.model.PooledFeatures;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import io.zoolens.training.head.SoftmaxHead;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a trained version as one TensorFlow graph a classifier serves like any model: the backbone's graph
 * up to its pooled, normalised features, then {@code MatMul → BiasAdd → Softmax} with the head's weights as
 * constants, and beside it the best cosine similarity to the class centroids (for the reject rule). The
 * signature names only {@code scores}, {@code features} and {@code similarity}, so TensorFlow skips whatever
 * else the backbone's graph computes (a detector's head). The folder is built under a hidden name and renamed
 * into place when complete, so a reader never sees half a version.
 */
public final class ComposedModelWriter {

    public static final String SCORES = "scores";
    public static final String FEATURES = "features";
    public static final String SIMILARITY = "similarity";
    static final String LABELS_FILE = "labels.txt";
    static final String METADATA_FILE = "zoolens-model.json";
    private static final String PREFIX = "zoolens/head/";
    private static final Pattern STAGING = Pattern.compile("\\.[0-9A-Za-z._-]+\\.training-[^/]*");

    private final JsonMapper json =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * What made a version, recorded in its {@code training}: the caller's job id (null when none), so a repeated
     * request of one job can find the version it made, and how long the training took.
     */
    public record Run(String jobId, Long trainingMillis) {

        public static final Run NONE = new Run(null, null);
    }

    /**
     * Whether a folder name is one of this writer's staging folders ({@code .<version>.training-…}): a version
     * being written now, or what a process killed while writing one left behind.
     */
    public static boolean isStaging(String folderName) {
        return STAGING.matcher(folderName).matches();
    }

    /** Writes {@code modelDir/version}; fails if that version exists. Returns the version folder. */
    public Path write(Path modelDir, String version, TrainedVersion trained) throws IOException {
        return write(modelDir, version, trained, Run.NONE);
    }

    /** As {@link #write(Path, String, TrainedVersion)}, recording {@code run} in the version's metadata. */
    public Path write(Path modelDir, String version, TrainedVersion trained, Run run) throws IOException {
        Path target = modelDir.resolve(version);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString(), null, "this version already exists");
        }
        Files.createDirectories(modelDir);
        Path staged = Files.createTempDirectory(modelDir, "." + version + ".training-");
        try {
            readableByAll(staged);
            SavedModelWriter.write(
                    graph(trained),
                    Map.of(trained.backbone().inputKey(), trained.backbone().input()),
                    outputs(trained),
                    staged);
            Files.write(staged.resolve(LABELS_FILE), trained.head().labels());
            // The metadata last: the classifier ignores a folder until it has one (docs/models.md).
            json.writeValue(
                    staged.resolve(METADATA_FILE).toFile(),
                    metadata(modelDir.getFileName().toString(), version, trained, run));
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, target);
            }
        } finally {
            deleteRecursively(staged);
        }
        return target;
    }

    /** The backbone's graph with the head, the softmax and the centroid similarity added. */
    static GraphDef graph(TrainedVersion trained) {
        SoftmaxHead head = trained.head();
        int k = head.labels().size();
        int d = head.dimension();
        float[] transposed = new float[d * k]; // MatMul wants [d, k]
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                transposed[j * k + c] = head.weights()[c][j];
            }
        }
        float[][] centroids = trained.reject().centroids();
        float[] centroidsTransposed = new float[d * k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroidsTransposed[j * k + c] = centroids[c][j];
            }
        }
        String features = trained.backbone().features().replaceFirst(":0$", "");
        GraphDef.Builder graph = trained.backbone().graph().toBuilder();
        graph.addNode(floatConst(PREFIX + "weights", transposed, d, k));
        graph.addNode(floatConst(PREFIX + "bias", head.bias(), k));
        graph.addNode(floatOp("MatMul", PREFIX + "logits_unbiased", features, PREFIX + "weights")
                .putAttr("transpose_a", bool(false))
                .putAttr("transpose_b", bool(false)));
        graph.addNode(floatOp("BiasAdd", PREFIX + "logits", PREFIX + "logits_unbiased", PREFIX + "bias"));
        graph.addNode(floatOp("Softmax", PREFIX + "probabilities", PREFIX + "logits"));
        graph.addNode(floatConst(PREFIX + "centroids", centroidsTransposed, d, k));
        // A cosine, as the rule was calibrated, whether or not the backbone's output is already unit length.
        String unitFeatures = PooledFeatures.normalise(graph, features, PREFIX + "unit_features");
        graph.addNode(floatOp("MatMul", PREFIX + "centroid_similarities", unitFeatures, PREFIX + "centroids")
                .putAttr("transpose_a", bool(false))
                .putAttr("transpose_b", bool(false)));
        graph.addNode(int32Scalar(PREFIX + "class_axis", 1));
        graph.addNode(
                reduce("Max", PREFIX + "similarity", PREFIX + "centroid_similarities", PREFIX + "class_axis", false));
        return prune(graph.build(), List.of(features, PREFIX + "probabilities", PREFIX + "similarity"));
    }

    /** Only the nodes the outputs need: a detector's head and later blocks would be dead weight on disk. */
    static GraphDef prune(GraphDef graph, List<String> outputs) {
        Map<String, NodeDef> byName = new HashMap<>();
        graph.getNodeList().forEach(node -> byName.put(node.getName(), node));
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(outputs);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            NodeDef node = byName.get(name);
            if (node == null || !needed.add(name)) {
                continue;
            }
            for (String input : node.getInputList()) {
                // "^name" is a control input, "name:1" the second output of name
                pending.push(input.replaceFirst("^\\^", "").replaceFirst(":\\d+$", ""));
            }
        }
        GraphDef.Builder pruned = graph.toBuilder().clearNode();
        graph.getNodeList().stream()
                .filter(node -> needed.contains(node.getName()))
                .forEach(pruned::addNode);
        return pruned.build();
    }

    private static Map<String, TensorSpec> outputs(TrainedVersion trained) {
        SoftmaxHead head = trained.head();
        Map<String, TensorSpec> outputs = new LinkedHashMap<>();
        outputs.put(
                SCORES,
                new TensorSpec(
                        PREFIX + "probabilities",
                        DataType.DT_FLOAT,
                        -1,
                        head.labels().size()));
        outputs.put(FEATURES, new TensorSpec(trained.backbone().features(), DataType.DT_FLOAT, -1, head.dimension()));
        outputs.put(SIMILARITY, new TensorSpec(PREFIX + "similarity", DataType.DT_FLOAT, -1));
        return outputs;
    }

    private TrainedMetadata metadata(String name, String version, TrainedVersion trained, Run run) {
        ModelMetadata backbone = trained.backbone().metadata();
        SoftmaxHead head = trained.head();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int pictures = 0;
        for (int c = 0; c < head.labels().size(); c++) {
            counts.put(head.labels().get(c), trained.counts()[c]);
            pictures += trained.counts()[c];
        }
        Map<String, String> outputKeys = new LinkedHashMap<>();
        outputKeys.put("scores", SCORES);
        outputKeys.put("embedding", FEATURES);
        outputKeys.put("similarity", SIMILARITY);
        return new TrainedMetadata(
                name,
                version,
                ModelMetadata.Task.CLASSIFICATION,
                trained.description(),
                trained.owner(),
                backbone.input(),
                outputKeys,
                LABELS_FILE,
                new ModelMetadata.Postprocess(
                        ModelMetadata.Activation.NONE,
                        0,
                        null,
                        null,
                        head.labels().size(),
                        0f,
                        null),
                new ModelMetadata.Source(
                        "Trained by Zoolens on " + pictures + " pictures, on the features of "
                                + trained.backbone().name() + "/"
                                + trained.backbone().version(),
                        null,
                        backbone.source() == null ? null : backbone.source().licence(),
                        "io.zoolens.training.compose.ComposedModelWriter"),
                new TrainedMetadata.BackboneRef(
                        trained.backbone().name(),
                        trained.backbone().version(),
                        backbone.outputs().embedding(),
                        head.dimension()),
                new TrainedMetadata.Training(
                        counts,
                        pictures,
                        trained.createdAt().toString(),
                        "multinomial logistic regression, L2, balanced class weights",
                        run.jobId(),
                        run.trainingMillis()),
                new TrainedMetadata.Metrics(
                        trained.folds() == pictures ? "leave-one-out" : "stratified " + trained.folds() + "-fold",
                        trained.folds(),
                        trained.evaluation().accuracy(),
                        trained.evaluation().perClass(),
                        head.labels(),
                        trained.evaluation().confusion(),
                        trained.evaluation().misclassified()),
                new TrainedMetadata.Reject(
                        trained.reject().minSimilarity(),
                        trained.reject().minProbability(),
                        trained.reject().quantile()));
    }

    /** Temporary folders are private to their creator; a model version is read by the classifier's user too. */
    private static void readableByAll(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
