package io.zoolens.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Writes a frozen GraphDef (weights as constants) as a TensorFlow SavedModel with the {@code serve}
 * tag and a {@code serving_default} signature. Such a model needs no {@code variables/} folder.
 */
public final class SavedModelWriter {

    public static final String SERVE_TAG = "serve";
    public static final String DEFAULT_SIGNATURE = "serving_default";
    private static final String PREDICT_METHOD = "tensorflow/serving/predict";
    /** Informational only (MetaInfoDef): the TensorFlow the classifier runs these models on. */
    private static final String TENSORFLOW_VERSION = "2.16.1";

    /**
     * A signature entry: the key clients see, the graph tensor behind it, its type and shape ({@code -1}
     * for an unknown dimension, {@code null} for an unknown rank).
     */
    public record TensorSpec(String tensorName, DataType dtype, long... shape) {

        TensorInfo toTensorInfo() {
            TensorShapeProto.Builder shapeProto = TensorShapeProto.newBuilder();
            if (shape == null) {
                shapeProto.setUnknownRank(true);
            } else {
                for (long dim : shape) {
                    shapeProto.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
                }
            }
            return TensorInfo.newBuilder()
                    .setName(tensorName.contains(":") ? tensorName : tensorName + ":0")
                    .setDtype(dtype)
                    .setTensorShape(shapeProto)
                    .build();
        }
    }

    private SavedModelWriter() {}

    public static void write(
            GraphDef graph, Map<String, TensorSpec> inputs, Map<String, TensorSpec> outputs, Path directory)
            throws IOException {
        SignatureDef.Builder signature = SignatureDef.newBuilder().setMethodName(PREDICT_METHOD);
        inputs.forEach((key, spec) -> signature.putInputs(key, spec.toTensorInfo()));
        outputs.forEach((key, spec) -> signature.putOutputs(key, spec.toTensorInfo()));

        MetaGraphDef metaGraph = MetaGraphDef.newBuilder()
                .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder()
                        .addTags(SERVE_TAG)
                        .setTensorflowVersion(TENSORFLOW_VERSION))
                .setGraphDef(graph)
                .putSignatureDef(DEFAULT_SIGNATURE, signature.build())
                .build();
        SavedModel savedModel = SavedModel.newBuilder()
                .setSavedModelSchemaVersion(1)
                .addMetaGraphs(metaGraph)
                .build();

        Files.createDirectories(directory);
        try (OutputStream out = Files.newOutputStream(directory.resolve("saved_model.pb"))) {
            savedModel.writeTo(out);
        }
    }
}
