package io.zoolens.training.features;

import ai.djl.engine.Engine;
import com.google.protobuf.ByteString;
import io.zoolens.model.SavedModelWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.RawTensor;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Turns a SavedModel whose weights live in {@code variables/} (a Keras export: {@code VarHandleOp} read by
 * {@code ReadVariableOp}, or TF1 {@code VariableV2}) into a frozen graph: the part of the graph the
 * {@code serving_default} signature needs, every variable replaced by a {@code Const} of the value TensorFlow
 * restored from the checkpoint, every {@code ReadVariableOp} by an {@code Identity} of it, and the save,
 * restore and initialiser nodes left out. The signature is kept. Only a frozen graph can be composed with a
 * head into one version, and a frozen graph needs no {@code variables/} beside it.
 *
 * <p>Graphs whose signature calls TensorFlow functions ({@code StatefulPartitionedCall}, {@code If}, …: a
 * TF2 {@code tf.function} or Keras 3 {@code model.export}) are refused: their variables are function
 * arguments, and inlining functions is not done here. {@code scripts/add-keras-backbone.sh} exports in graph
 * mode for that reason. Needs DJL's TensorFlow engine (its natives prepared, as for any inference).
 */
public final class VariableFreezer {

    static final String SERVE_TAG = SavedModelWriter.SERVE_TAG;

    private static final Set<String> VARIABLES = Set.of("VarHandleOp", "VariableV2", "Variable");
    private static final Set<String> FUNCTION_CALLS = Set.of(
            "PartitionedCall",
            "StatefulPartitionedCall",
            "If",
            "StatelessIf",
            "While",
            "StatelessWhile",
            "Case",
            "StatelessCase");
    // Control edges to these only order variable writes or checks; a frozen graph has nothing to write.
    private static final Set<String> WRITES = Set.of(
            "AssignVariableOp",
            "AssignAddVariableOp",
            "AssignSubVariableOp",
            "Assign",
            "AssignAdd",
            "AssignSub",
            "VarIsInitializedOp",
            "IsVariableInitialized",
            "RestoreV2",
            "SaveV2",
            "MergeV2Checkpoints");

    /**
     * The frozen graph with the SavedModel's signature.
     *
     * @param variables how many variables became constants
     * @param values how many numbers they hold together
     */
    public record Frozen(GraphDef graph, SignatureDef signature, int variables, long values) {}

    private VariableFreezer() {}

    /** Whether the version folder keeps weights outside its graph. */
    public static boolean hasVariables(Path savedModelDir) {
        return Files.isDirectory(savedModelDir.resolve("variables"));
    }

    /** Freezes the {@code serving_default} signature of the SavedModel in {@code savedModelDir}. */
    public static Frozen freeze(Path savedModelDir) throws IOException {
        MetaGraphDef metaGraph = serveMetaGraph(savedModelDir);
        SignatureDef signature = metaGraph.getSignatureDefOrThrow(SavedModelWriter.DEFAULT_SIGNATURE);
        GraphDef graph = metaGraph.getGraphDef();
        Map<String, NodeDef> byName = new HashMap<>();
        graph.getNodeList().forEach(node -> byName.put(node.getName(), node));
        Set<String> functions = new HashSet<>();
        for (FunctionDef function : graph.getLibrary().getFunctionList()) {
            functions.add(function.getSignature().getName());
        }

        Set<String> needed = needed(signature, byName);
        // One read per variable to fetch its value; every read of a variable gives the same restored value.
        Map<String, String> fetchOf = new LinkedHashMap<>();
        for (NodeDef node : graph.getNodeList()) {
            if (!needed.contains(node.getName())) {
                continue;
            }
            String op = node.getOp();
            if (FUNCTION_CALLS.contains(op) || functions.contains(op)) {
                throw new IllegalArgumentException(savedModelDir + ": node '" + node.getName() + "' calls TensorFlow "
                        + "functions (" + op + "); export the model in graph mode (TF1 SavedModel), as "
                        + "scripts/add-keras-backbone.sh does, or freeze it before");
            }
            if (op.equals("VariableV2") || op.equals("Variable")) {
                fetchOf.put(node.getName(), node.getName());
            }
            for (String input : node.getInputList()) {
                NodeDef source = byName.get(nodeName(input));
                if (source == null || !source.getOp().equals("VarHandleOp") || input.startsWith("^")) {
                    continue;
                }
                if (!op.equals("ReadVariableOp")) {
                    throw new IllegalArgumentException(savedModelDir + ": node '" + node.getName() + "' uses variable '"
                            + source.getName() + "' with " + op + "; only ReadVariableOp can be frozen");
                }
                fetchOf.putIfAbsent(source.getName(), node.getName());
            }
        }

        Map<String, TensorProto> values = readValues(savedModelDir, fetchOf);
        GraphDef.Builder frozen = graph.toBuilder().clearNode().clearLibrary();
        long count = 0;
        for (NodeDef node : graph.getNodeList()) {
            if (!needed.contains(node.getName())) {
                continue;
            }
            if (VARIABLES.contains(node.getOp())) {
                TensorProto value = values.get(node.getName());
                count += value.getTensorContent().size() / Math.max(1, bytesPer(value.getDtype()));
                frozen.addNode(NodeDef.newBuilder()
                        .setName(node.getName())
                        .setOp("Const")
                        .setDevice(node.getDevice())
                        .putAttr(
                                "dtype",
                                AttrValue.newBuilder().setType(value.getDtype()).build())
                        .putAttr(
                                "value", AttrValue.newBuilder().setTensor(value).build()));
            } else if (node.getOp().equals("ReadVariableOp")) {
                frozen.addNode(NodeDef.newBuilder()
                        .setName(node.getName())
                        .setOp("Identity")
                        .setDevice(node.getDevice())
                        .addAllInput(keptInputs(node, needed))
                        .putAttr("T", node.getAttrOrThrow("dtype")));
            } else {
                // "_class" asks for colocation with a variable; on one CPU it means nothing, and it may name a node
                // left out.
                frozen.addNode(node.toBuilder()
                        .clearInput()
                        .addAllInput(keptInputs(node, needed))
                        .removeAttr("_class"));
            }
        }
        return new Frozen(frozen.build(), signature, values.size(), count);
    }

    /** The signature's outputs and all they depend on, leaving out control edges to variable writes. */
    private static Set<String> needed(SignatureDef signature, Map<String, NodeDef> byName) {
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        signature.getOutputsMap().values().forEach(info -> pending.push(nodeName(info.getName())));
        signature.getInputsMap().values().forEach(info -> pending.push(nodeName(info.getName())));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            NodeDef node = byName.get(name);
            if (node == null) {
                throw new IllegalArgumentException("The signature needs node '" + name + "', which the graph lacks");
            }
            if (!needed.add(name)) {
                continue;
            }
            for (String input : node.getInputList()) {
                NodeDef source = byName.get(nodeName(input));
                if (input.startsWith("^") && (source == null || WRITES.contains(source.getOp()))) {
                    continue;
                }
                pending.push(nodeName(input));
            }
        }
        return needed;
    }

    private static List<String> keptInputs(NodeDef node, Set<String> needed) {
        return node.getInputList().stream()
                .filter(input -> needed.contains(nodeName(input)))
                .toList();
    }

    /** TensorFlow restores the variables as it loads the SavedModel; each one's value is then fetched once. */
    private static Map<String, TensorProto> readValues(Path savedModelDir, Map<String, String> fetchOf) {
        Map<String, TensorProto> values = new HashMap<>();
        if (fetchOf.isEmpty()) {
            return values;
        }
        Engine.getEngine("TensorFlow"); // loads the natives that TensorFlow's Java API runs on
        try (SavedModelBundle bundle = SavedModelBundle.load(savedModelDir.toString(), SERVE_TAG)) {
            for (Map.Entry<String, String> entry : fetchOf.entrySet()) {
                try (Result result =
                        bundle.session().runner().fetch(entry.getValue()).run()) {
                    values.put(entry.getKey(), toProto(result.get(0)));
                }
            }
        }
        return values;
    }

    private static TensorProto toProto(Tensor tensor) {
        RawTensor raw = tensor.asRawTensor();
        if (bytesPer(raw.dataType()) == 0) {
            throw new IllegalArgumentException("A variable of type " + raw.dataType() + " cannot be frozen");
        }
        byte[] bytes = new byte[(int) raw.numBytes()];
        raw.data().read(bytes);
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : raw.shape().asArray()) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return TensorProto.newBuilder()
                .setDtype(raw.dataType())
                .setTensorShape(shape)
                .setTensorContent(ByteString.copyFrom(bytes))
                .build();
    }

    /** Bytes per value of the types a feature extractor's weights have; 0 for others (strings, resources). */
    private static int bytesPer(DataType type) {
        return switch (type) {
            case DT_FLOAT, DT_INT32 -> 4;
            case DT_DOUBLE, DT_INT64 -> 8;
            case DT_HALF, DT_BFLOAT16, DT_INT16 -> 2;
            case DT_INT8, DT_UINT8, DT_BOOL -> 1;
            default -> 0;
        };
    }

    private static MetaGraphDef serveMetaGraph(Path savedModelDir) throws IOException {
        SavedModel savedModel;
        try (InputStream in = Files.newInputStream(savedModelDir.resolve("saved_model.pb"))) {
            savedModel = SavedModel.parseFrom(in);
        }
        return savedModel.getMetaGraphsList().stream()
                .filter(metaGraph -> metaGraph.getMetaInfoDef().getTagsList().contains(SERVE_TAG))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(savedModelDir + " has no '" + SERVE_TAG + "' graph"));
    }

    /** "^name" is a control input, "name:1" the second output of name. */
    static String nodeName(String input) {
        return input.replaceFirst("^\\^", "").replaceFirst(":\\d+$", "");
    }
}
