package io.zoolens.training;

import io.zoolens.model.ModelMetadata;
import io.zoolens.model.PooledFeatures;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import io.zoolens.model.TensorFlowNativeLibraries;
import io.zoolens.training.features.Backbone;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import tools.jackson.databind.json.JsonMapper;

/**
 * The imported default model as a backbone. A model folder imported before the importer added the
 * {@code features} output (import revision 4) gets it here, in a copy under {@code target/}, exactly as
 * the importer adds it (same layer and pooling as {@code CocoCenternetPreset}).
 */
public final class DefaultBackbone {

    /** The repository's models folder, or {@code -Dzoolens.models.dir}. */
    static final Path MODEL_DIR = Path.of(System.getProperty("zoolens.models.dir", "../models"), "coco-centernet", "1");

    static final String FEATURE_MAP = "tower_0/MobilenetV3/expanded_conv_12/squeeze_excite/mul";
    static final PooledFeatures.Pooling POOLING = PooledFeatures.Pooling.MEAN;

    static final JsonMapper JSON = JsonMapper.builder().build();

    private DefaultBackbone() {}

    public static boolean present() {
        return Files.isRegularFile(MODEL_DIR.resolve("zoolens-model.json"));
    }

    public static void prepareNatives() {
        new TensorFlowNativeLibraries(
                        Path.of(System.getProperty("user.home"), ".cache/zoolens/tensorflow"),
                        DefaultBackbone.class.getClassLoader())
                .prepare();
    }

    public static Backbone open(Path workDir) throws IOException {
        ModelMetadata metadata =
                JSON.readValue(MODEL_DIR.resolve("zoolens-model.json").toFile(), ModelMetadata.class);
        if (metadata.outputs().embedding() != null) {
            return Backbone.open(MODEL_DIR, JSON);
        }
        SavedModel savedModel;
        try (InputStream in = Files.newInputStream(MODEL_DIR.resolve("saved_model.pb"))) {
            savedModel = SavedModel.parseFrom(in);
        }
        GraphDef.Builder graph = savedModel.getMetaGraphs(0).getGraphDef().toBuilder();
        String features = PooledFeatures.append(graph, FEATURE_MAP, POOLING, "zoolens/features");
        SignatureDef signature = savedModel.getMetaGraphs(0).getSignatureDefOrThrow(SavedModelWriter.DEFAULT_SIGNATURE);
        Map<String, TensorSpec> inputs = new LinkedHashMap<>();
        signature.getInputsMap().forEach((key, info) -> inputs.put(key, spec(info)));
        Map<String, TensorSpec> outputs = new LinkedHashMap<>();
        signature.getOutputsMap().forEach((key, info) -> outputs.put(key, spec(info)));
        outputs.put("features", new TensorSpec(features, DataType.DT_FLOAT, -1, -1));
        Path dir = workDir.resolve("coco-centernet").resolve("1");
        SavedModelWriter.write(graph.build(), inputs, outputs, dir);
        ModelMetadata withFeatures = new ModelMetadata(
                metadata.name(),
                metadata.version(),
                metadata.task(),
                metadata.description(),
                metadata.input(),
                new ModelMetadata.Outputs(
                        metadata.outputs().scores(), metadata.outputs().detections(), "features"),
                metadata.labels(),
                metadata.postprocess(),
                metadata.source());
        JSON.writeValue(dir.resolve("zoolens-model.json").toFile(), withFeatures);
        return Backbone.open(dir, JSON);
    }

    private static TensorSpec spec(org.tensorflow.proto.TensorInfo info) {
        long[] shape = info.getTensorShape().getUnknownRank()
                ? null
                : info.getTensorShape().getDimList().stream()
                        .mapToLong(d -> d.getSize())
                        .toArray();
        return new TensorSpec(info.getName(), info.getDtype(), shape);
    }
}
