package io.zoolens.importer;

import io.zoolens.model.PooledFeatures;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;

/**
 * Gives the default model a second output, {@code features}: the global average pool of a late MobileNetV3
 * feature map, L2-normalised, one vector per image. Custom models are trained on it and composed with it
 * (model-training); a photo that needs detections and features gets both from one inference. The layer and
 * pooling were chosen by few-shot accuracy (docs/custom-models.md): block 12's squeeze-and-excite output
 * did as well as any later layer, with fewer values, and a composed model then skips blocks 13–14 and the
 * detection head.
 */
final class CenternetFeatures {

    static final String KEY = "features";
    static final String FEATURE_MAP = "tower_0/MobilenetV3/expanded_conv_12/squeeze_excite/mul";
    static final PooledFeatures.Pooling POOLING = PooledFeatures.Pooling.MEAN;
    private static final String PREFIX = "zoolens/features";

    private CenternetFeatures() {}

    static TfjsImporter.ImportedModel apply(TfjsImporter.ImportedModel model) {
        if (model.graph().getNodeList().stream()
                .noneMatch(node -> node.getName().equals(FEATURE_MAP))) {
            throw new ImportException("The centernet graph has no node " + FEATURE_MAP
                    + " to take features from; was the package changed?");
        }
        GraphDef.Builder graph = model.graph().toBuilder();
        String features = PooledFeatures.append(graph, FEATURE_MAP, POOLING, PREFIX);
        Map<String, TensorSpec> outputs = new LinkedHashMap<>(model.outputs());
        outputs.put(KEY, new TensorSpec(features, DataType.DT_FLOAT, -1, -1));
        return new TfjsImporter.ImportedModel(
                graph.build(), model.inputs(), outputs, model.weights(), model.rewrittenNodes());
    }
}
