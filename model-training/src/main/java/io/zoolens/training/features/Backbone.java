package io.zoolens.training.features;

import io.zoolens.model.ModelMetadata;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import tools.jackson.databind.json.JsonMapper;

/**
 * A model version that gives a feature vector: any {@code models/<name>/<version>/} whose
 * {@code zoolens-model.json} names an {@code outputs.embedding} (an {@code embedding} model, or the default
 * detection model, whose importer adds a pooled {@code features} output). Its frozen graph is what custom
 * models are trained on and composed with; a SavedModel with {@code variables/} is frozen as it is opened
 * ({@link VariableFreezer}).
 *
 * @param input the signature input: graph tensor, type and shape
 * @param features the graph tensor of the feature vector {@code [batch, dimension]}
 */
public record Backbone(
        String name, String version, ModelMetadata metadata, GraphDef graph, TensorSpec input, String features) {

    static final String METADATA_FILE = "zoolens-model.json";
    static final String SAVED_MODEL_FILE = "saved_model.pb";

    /**
     * Reads the version folder (freezing its variables, if it has any); fails when it has no embedding output
     * or its graph cannot be frozen.
     */
    public static Backbone open(Path versionDir, JsonMapper json) throws IOException {
        ModelMetadata metadata =
                json.readValue(versionDir.resolve(METADATA_FILE).toFile(), ModelMetadata.class);
        String key = metadata.outputs() == null ? null : metadata.outputs().embedding();
        if (key == null) {
            throw new IllegalArgumentException(
                    versionDir + " has no outputs.embedding in " + METADATA_FILE + ", so it gives no feature vector");
        }
        GraphDef graph;
        SignatureDef signature;
        if (VariableFreezer.hasVariables(versionDir)) {
            // A Keras export keeps its weights in variables/: frozen here, once per backbone version opened.
            VariableFreezer.Frozen frozen = VariableFreezer.freeze(versionDir);
            graph = frozen.graph();
            signature = frozen.signature();
        } else {
            SavedModel savedModel;
            try (InputStream in = Files.newInputStream(versionDir.resolve(SAVED_MODEL_FILE))) {
                savedModel = SavedModel.parseFrom(in);
            }
            MetaGraphDef metaGraph = savedModel.getMetaGraphs(0);
            graph = metaGraph.getGraphDef();
            signature = metaGraph.getSignatureDefOrThrow(SavedModelWriter.DEFAULT_SIGNATURE);
        }
        TensorInfo features = signature.getOutputsMap().get(key);
        TensorInfo input = signature.getInputsMap().get(metadata.input().tensor());
        if (features == null || input == null) {
            throw new IllegalArgumentException(versionDir + ": the signature has no output '" + key + "' or no input '"
                    + metadata.input().tensor() + "'");
        }
        long[] shape = input.getTensorShape().getDimList().stream()
                .mapToLong(dim -> dim.getSize())
                .toArray();
        return new Backbone(
                versionDir.getParent().getFileName().toString(),
                versionDir.getFileName().toString(),
                metadata,
                graph,
                new TensorSpec(input.getName(), input.getDtype(), shape),
                features.getName());
    }

    /** The signature input key clients feed. */
    public String inputKey() {
        return metadata.input().tensor();
    }
}
