package io.zoolens.importer;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Replaces the fused ops the TF.js converter emits by the plain TensorFlow ops they stand for: base op,
 * then each entry of {@code fused_ops} in order (BiasAdd, then an activation). {@code
 * FusedDepthwiseConv2dNative} and {@code Prelu} exist only in TF.js; {@code _FusedConv2D} and {@code
 * _FusedMatMul} are Grappler-internal and run in TensorFlow (2.10, 2.16) for only some activations, so all are
 * rewritten to keep one path. The last node of each chain keeps the original name, so consumers and
 * signature entries stay valid.
 */
public final class FusedOpRewriter {

    /** Base op of each fused op and the attributes the base op accepts. */
    private static final Map<String, BaseOp> FUSED_OPS = Map.of(
            "_FusedConv2D",
            new BaseOp(
                    "Conv2D",
                    List.of(
                            "T",
                            "strides",
                            "padding",
                            "explicit_paddings",
                            "data_format",
                            "dilations",
                            "use_cudnn_on_gpu")),
            "FusedDepthwiseConv2dNative",
            new BaseOp(
                    "DepthwiseConv2dNative",
                    List.of("T", "strides", "padding", "explicit_paddings", "data_format", "dilations")),
            "_FusedMatMul",
            new BaseOp("MatMul", List.of("T", "transpose_a", "transpose_b")));

    private static final Set<String> UNARY_ACTIVATIONS = Set.of("Relu", "Relu6", "Elu", "Sigmoid", "Tanh");
    /** TensorFlow's default for the {@code leakyrelu_alpha} attribute of fused ops. */
    private static final float DEFAULT_LEAKY_RELU_ALPHA = 0.2f;

    private record BaseOp(String op, List<String> attrs) {}

    /** What the rewrite did, for the import summary. */
    public record Result(GraphDef graph, int rewrittenNodes) {}

    private FusedOpRewriter() {}

    public static Result rewrite(GraphDef graph) {
        Set<String> names = new HashSet<>();
        graph.getNodeList().forEach(node -> names.add(node.getName()));
        GraphDef.Builder out = graph.toBuilder().clearNode();
        int rewritten = 0;
        for (NodeDef node : graph.getNodeList()) {
            if (FUSED_OPS.containsKey(node.getOp())) {
                out.addAllNode(new Chain(node, names).unfuse(FUSED_OPS.get(node.getOp())));
                rewritten++;
            } else if (node.getOp().equals("Prelu")) {
                out.addAllNode(new Chain(node, names).prelu());
                rewritten++;
            } else {
                out.addNode(node);
            }
        }
        return new Result(out.build(), rewritten);
    }

    /** Builds the replacement nodes of one fused node; {@code last} is the tensor built so far. */
    private static final class Chain {
        private final NodeDef fused;
        private final Set<String> names;
        private final AttrValue type;
        private final List<String> dataInputs = new ArrayList<>();
        private final List<String> controlInputs = new ArrayList<>();
        private final List<NodeDef> nodes = new ArrayList<>();
        private String last;

        Chain(NodeDef fused, Set<String> names) {
            this.fused = fused;
            this.names = names;
            this.type = fused.getAttrOrThrow("T");
            for (String input : fused.getInputList()) {
                (input.startsWith("^") ? controlInputs : dataInputs).add(input);
            }
        }

        List<NodeDef> unfuse(BaseOp base) {
            List<String> fusedOps =
                    fused.getAttrOrDefault("fused_ops", AttrValue.getDefaultInstance()).getList().getSList().stream()
                            .map(ByteString::toStringUtf8)
                            .toList();
            int argCount = (int) fused.getAttrOrDefault("num_args", AttrValue.getDefaultInstance())
                    .getI();
            if (dataInputs.size() != 2 + argCount) {
                throw unsupported("has " + dataInputs.size() + " inputs but num_args " + argCount);
            }
            List<String> args = dataInputs.subList(2, dataInputs.size());
            int nextArg = 0;

            NodeDef.Builder baseNode = NodeDef.newBuilder()
                    .setOp(base.op())
                    .addInput(dataInputs.get(0))
                    .addInput(dataInputs.get(1))
                    .addAllInput(controlInputs);
            for (String attr : base.attrs()) {
                if (fused.containsAttr(attr)) {
                    baseNode.putAttr(attr, fused.getAttrOrThrow(attr));
                }
            }
            add(baseNode, base.op(), fusedOps.isEmpty());

            for (int i = 0; i < fusedOps.size(); i++) {
                String op = fusedOps.get(i);
                boolean isLast = i == fusedOps.size() - 1;
                if (op.equals("BiasAdd")) {
                    NodeDef.Builder biasAdd = NodeDef.newBuilder()
                            .setOp("BiasAdd")
                            .addInput(last)
                            .addInput(argument(args, nextArg++))
                            .putAttr("T", type);
                    if (fused.containsAttr("data_format")) {
                        biasAdd.putAttr("data_format", fused.getAttrOrThrow("data_format"));
                    }
                    add(biasAdd, "BiasAdd", isLast);
                } else if (UNARY_ACTIVATIONS.contains(op)) {
                    add(unary(op, last), op, isLast);
                } else if (op.equals("LeakyRelu")) {
                    float alpha = fused.containsAttr("leakyrelu_alpha")
                            ? fused.getAttrOrThrow("leakyrelu_alpha").getF()
                            : DEFAULT_LEAKY_RELU_ALPHA;
                    add(
                            unary(op, last)
                                    .putAttr(
                                            "alpha",
                                            AttrValue.newBuilder().setF(alpha).build()),
                            op,
                            isLast);
                } else if (op.equals("Prelu")) {
                    addPrelu(last, argument(args, nextArg++), isLast);
                } else {
                    throw unsupported("fuses " + op + ", which has no rewrite (supported: BiasAdd, Relu, Relu6, "
                            + "Elu, LeakyRelu, Sigmoid, Tanh, Prelu)");
                }
            }
            return nodes;
        }

        /** The TF.js-only {@code Prelu(x, alpha)} op. */
        List<NodeDef> prelu() {
            if (dataInputs.size() != 2) {
                throw unsupported("needs two inputs, x and alpha");
            }
            // No base node: the first node of the chain must take the control inputs instead.
            addPrelu(dataInputs.get(0), dataInputs.get(1), true);
            NodeDef first = nodes.get(0).toBuilder().addAllInput(controlInputs).build();
            nodes.set(0, first);
            return nodes;
        }

        /** prelu(x) = relu(x) + alpha * (x - relu(x)), which is x where x > 0 and alpha * x elsewhere. */
        private void addPrelu(String x, String alpha, boolean isLast) {
            add(unary("Relu", x), "prelu_positive", false);
            String positive = last;
            add(
                    NodeDef.newBuilder()
                            .setOp("Sub")
                            .addInput(x)
                            .addInput(positive)
                            .putAttr("T", type),
                    "prelu_negative",
                    false);
            add(
                    NodeDef.newBuilder()
                            .setOp("Mul")
                            .addInput(alpha)
                            .addInput(last)
                            .putAttr("T", type),
                    "prelu_scaled",
                    false);
            add(
                    NodeDef.newBuilder()
                            .setOp("AddV2")
                            .addInput(positive)
                            .addInput(last)
                            .putAttr("T", type),
                    "Prelu",
                    isLast);
        }

        private NodeDef.Builder unary(String op, String input) {
            return NodeDef.newBuilder().setOp(op).addInput(input).putAttr("T", type);
        }

        private void add(NodeDef.Builder node, String suffix, boolean isLast) {
            node.setName(isLast ? fused.getName() : uniqueName(fused.getName() + "/" + suffix));
            NodeDef built = node.build();
            nodes.add(built);
            last = built.getName();
        }

        private String uniqueName(String wanted) {
            String name = wanted;
            for (int i = 1; names.contains(name); i++) {
                name = wanted + "_" + i;
            }
            names.add(name);
            return name;
        }

        private String argument(List<String> args, int index) {
            if (index >= args.size()) {
                throw unsupported("lists more fused ops needing arguments than num_args provides");
            }
            return args.get(index);
        }

        private ImportException unsupported(String why) {
            return new ImportException("Node " + fused.getName() + " (" + fused.getOp() + ") " + why);
        }
    }
}
