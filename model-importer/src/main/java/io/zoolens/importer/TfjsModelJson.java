package io.zoolens.importer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.SignatureDef;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code model.json} of a TensorFlow.js graph model: the graph as a GraphDef in protobuf JSON
 * form, the weight manifest that says how the binary shards map to Const nodes, and the signature.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TfjsModelJson(
        String format,
        String generatedBy,
        String convertedBy,
        JsonNode modelTopology,
        List<WeightGroup> weightsManifest,
        JsonNode signature,
        JsonNode modelInitializer) {

    static final String GRAPH_MODEL_FORMAT = "graph-model";

    /** Shards that, concatenated, hold the listed weights back to back in manifest order. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WeightGroup(List<String> paths, List<WeightSpec> weights) {}

    /** One weight: the Const node it belongs to, its shape, its TF.js dtype and optional quantization. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WeightSpec(String name, List<Long> shape, String dtype, Quantization quantization) {

        long elementCount() {
            long count = 1;
            for (long dim : shape) {
                count *= dim;
            }
            return count;
        }
    }

    /**
     * How a weight was shrunk: {@code float16} halves float32 values; {@code uint8}/{@code uint16} store
     * {@code round((v - min) / scale)}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quantization(
            String dtype,
            Double scale,
            Double min,
            @JsonProperty("original_dtype") String originalDtype) {}

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public static TfjsModelJson read(Path modelJson) throws IOException {
        TfjsModelJson model;
        try (InputStream in = Files.newInputStream(modelJson)) {
            model = MAPPER.readValue(in, TfjsModelJson.class);
        }
        if (!GRAPH_MODEL_FORMAT.equals(model.format()) && model.format() != null) {
            throw new ImportException(modelJson + " is a TF.js '" + model.format()
                    + "'; only graph models (format 'graph-model') can be imported");
        }
        if (model.modelTopology() == null || model.weightsManifest() == null) {
            throw new ImportException(modelJson + " has no modelTopology or weightsManifest");
        }
        if (model.modelInitializer() != null && !model.modelInitializer().isEmpty()) {
            throw new ImportException(
                    modelJson + " has a modelInitializer (hash tables); such models are not supported");
        }
        return model;
    }

    /** The graph as TensorFlow's own message; TF.js writes it in protobuf's JSON mapping. */
    public GraphDef graphDef() {
        return parse(modelTopology(), GraphDef.newBuilder()).build();
    }

    /** The signature converted from TF.js, when the model has one (converters since TF.js 1.x write it). */
    public Optional<SignatureDef> signatureDef() {
        if (signature() == null || signature().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(signature(), SignatureDef.newBuilder()).build());
    }

    private static <B extends Message.Builder> B parse(JsonNode json, B builder) {
        try {
            // TF.js may carry fields newer than the protos DJL bundles; they carry no semantics we need.
            JsonFormat.parser().ignoringUnknownFields().merge(MAPPER.writeValueAsString(json), builder);
            return builder;
        } catch (InvalidProtocolBufferException e) {
            throw new ImportException("model.json does not hold a valid TensorFlow graph: " + e.getMessage(), e);
        }
    }
}
