package io.zoolens.importer;

import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * Turns a TensorFlow.js graph model (model.json + weight shards) into a frozen TensorFlow graph with a
 * signature: weights go into their Const nodes, TF.js-only fused ops become plain ops, device pins
 * are dropped. Works for any TF.js graph model whose ops TensorFlow knows.
 */
public final class TfjsImporter {

    /**
     * GraphDef version of TensorFlow 2.10.1, the runtime the importer was first written for; TensorFlow
     * 2.16 reads it unchanged. TF.js leaves it empty, which would make TensorFlow treat the graph as
     * written before any op semantics changed.
     */
    static final int TENSORFLOW_GRAPH_DEF_VERSION = 1205;

    /** A graph ready for {@link SavedModelWriter}, with counts for the import summary. */
    public record ImportedModel(
            GraphDef graph,
            Map<String, TensorSpec> inputs,
            Map<String, TensorSpec> outputs,
            int weights,
            int rewrittenNodes) {

        public void writeSavedModel(Path directory) throws IOException {
            SavedModelWriter.write(graph, inputs, outputs, directory);
        }
    }

    private TfjsImporter() {}

    /**
     * Imports {@code modelJson}. {@code outputKeys} picks signature outputs to keep (all when empty);
     * TensorFlow then computes only what those need.
     */
    public static ImportedModel importModel(Path modelJson, List<String> outputKeys) throws IOException {
        TfjsModelJson model = TfjsModelJson.read(modelJson);
        Path modelDir = modelJson.toAbsolutePath().getParent();
        List<DecodedWeight> weights = WeightDecoder.decode(modelDir, model.weightsManifest());

        GraphDef withWeights = fillConstants(model.graphDef(), weights);
        FusedOpRewriter.Result rewritten = FusedOpRewriter.rewrite(withWeights);
        GraphDef graph = clean(rewritten.graph());

        SignatureDef signature = model.signatureDef().orElseGet(() -> signatureFromGraph(graph, outputKeys));
        Set<String> nodes = graph.getNodeList().stream().map(NodeDef::getName).collect(Collectors.toSet());
        Map<String, TensorSpec> inputs = specs(signature.getInputsMap(), List.of(), nodes, "input");
        Map<String, TensorSpec> outputs = specs(signature.getOutputsMap(), outputKeys, nodes, "output");
        return new ImportedModel(graph, inputs, outputs, weights.size(), rewritten.rewrittenNodes());
    }

    /** Puts each decoded weight into the {@code value} attribute of the Const node of the same name. */
    static GraphDef fillConstants(GraphDef graph, List<DecodedWeight> weights) {
        Map<String, DecodedWeight> byName =
                weights.stream().collect(Collectors.toMap(DecodedWeight::name, Function.identity(), (a, b) -> a));
        GraphDef.Builder out = graph.toBuilder();
        for (NodeDef.Builder node : out.getNodeBuilderList()) {
            if (!node.getOp().equals("Const")) {
                continue;
            }
            DecodedWeight weight = byName.get(node.getName());
            if (weight != null) {
                DataType dtype = node.getAttrOrThrow("dtype").getType();
                node.putAttr(
                        "value",
                        AttrValue.newBuilder()
                                .setTensor(weight.toTensorProto(dtype))
                                .build());
            } else if (!hasValues(node.getAttrOrDefault("value", AttrValue.getDefaultInstance())
                    .getTensor())) {
                throw new ImportException("Const node " + node.getName() + " has no weight in the manifest");
            }
        }
        return out.build();
    }

    private static boolean hasValues(TensorProto tensor) {
        long elements = 1;
        for (TensorShapeProto.Dim dim : tensor.getTensorShape().getDimList()) {
            elements *= dim.getSize();
        }
        return elements == 0
                || tensor.toBuilder().clearDtype().clearTensorShape().build().getSerializedSize() > 0;
    }

    /** Lets TensorFlow place nodes itself (TF.js graphs often pin /device:CPU:0) and sets the version. */
    static GraphDef clean(GraphDef graph) {
        GraphDef.Builder out = graph.toBuilder();
        out.getNodeBuilderList().forEach(NodeDef.Builder::clearDevice);
        if (out.getVersions().getProducer() == 0) {
            out.setVersions(VersionDef.newBuilder().setProducer(TENSORFLOW_GRAPH_DEF_VERSION));
        }
        return out.build();
    }

    /** Old TF.js models carry no signature: inputs are the placeholders, outputs must be named. */
    private static SignatureDef signatureFromGraph(GraphDef graph, List<String> outputNodes) {
        if (outputNodes.isEmpty()) {
            throw new ImportException("model.json has no signature; name the output nodes with --outputs");
        }
        SignatureDef.Builder signature = SignatureDef.newBuilder();
        Map<String, NodeDef> nodes =
                graph.getNodeList().stream().collect(Collectors.toMap(NodeDef::getName, Function.identity()));
        for (NodeDef node : graph.getNodeList()) {
            if (node.getOp().equals("Placeholder")) {
                signature.putInputs(
                        node.getName(),
                        TensorInfo.newBuilder()
                                .setName(node.getName())
                                .setDtype(node.getAttrOrThrow("dtype").getType())
                                .setTensorShape(node.getAttrOrDefault("shape", AttrValue.getDefaultInstance())
                                        .getShape())
                                .build());
            }
        }
        for (String name : outputNodes) {
            NodeDef node = nodes.get(name);
            if (node == null) {
                throw new ImportException("Output node " + name + " is not in the graph");
            }
            DataType dtype = node.getAttrOrDefault("T", node.getAttrOrDefault("dtype", AttrValue.getDefaultInstance()))
                    .getType();
            signature.putOutputs(
                    name,
                    TensorInfo.newBuilder()
                            .setName(name)
                            .setDtype(dtype)
                            .setTensorShape(TensorShapeProto.newBuilder().setUnknownRank(true))
                            .build());
        }
        return signature.build();
    }

    private static Map<String, TensorSpec> specs(
            Map<String, TensorInfo> available, List<String> wanted, Set<String> nodes, String kind) {
        List<String> keys =
                wanted.isEmpty() ? available.keySet().stream().sorted().toList() : wanted;
        Map<String, TensorSpec> specs = new LinkedHashMap<>();
        for (String key : keys) {
            TensorInfo info = available.get(key);
            if (info == null) {
                throw new ImportException("The model has no " + kind + " '" + key + "'; it has " + available.keySet());
            }
            String node = info.getName().replaceFirst(":\\d+$", "");
            if (!nodes.contains(node)) {
                throw new ImportException(
                        "Signature " + kind + " '" + key + "' names " + info.getName() + ", which is not in the graph");
            }
            TensorShapeProto shape = info.getTensorShape();
            long[] dims = shape.getUnknownRank()
                    ? null
                    : shape.getDimList().stream()
                            .mapToLong(TensorShapeProto.Dim::getSize)
                            .toArray();
            specs.put(key, new TensorSpec(info.getName(), info.getDtype(), dims));
        }
        return specs;
    }
}
