package io.zoolens.importer;

import static io.zoolens.importer.GraphBuilder.ints;
import static io.zoolens.importer.GraphBuilder.op;
import static io.zoolens.importer.GraphBuilder.string;
import static io.zoolens.importer.GraphBuilder.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.importer.SavedModelRunner.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Each fused op with each activation, run through real TensorFlow after the rewrite, must equal the
 * plain base op followed by bias and activation computed here in Java; where TensorFlow has a
 * kernel for the fused op itself, the rewritten graph must also agree with that kernel.
 */
class FusedOpRewriterTests {

    private static final float LEAKY_ALPHA = 0.3f;

    @TempDir
    Path dir;

    /** The three fused ops: their base op, shapes and attributes. */
    enum Fused {
        CONV_2D("_FusedConv2D", "Conv2D", new long[] {1, 4, 4, 3}, new long[] {2, 2, 3, 2}, 2),
        DEPTHWISE_CONV_2D(
                "FusedDepthwiseConv2dNative",
                "DepthwiseConv2dNative",
                new long[] {1, 4, 4, 3},
                new long[] {2, 2, 3, 1},
                3),
        MAT_MUL("_FusedMatMul", "MatMul", new long[] {2, 3}, new long[] {3, 4}, 4);

        final String op;
        final String baseOp;
        final long[] inputShape;
        final long[] filterShape;
        final int channels;

        Fused(String op, String baseOp, long[] inputShape, long[] filterShape, int channels) {
            this.op = op;
            this.baseOp = baseOp;
            this.inputShape = inputShape;
            this.filterShape = filterShape;
            this.channels = channels;
        }

        NodeDef.Builder withAttrs(NodeDef.Builder node) {
            if (this == MAT_MUL) {
                return node.putAttr(
                                "transpose_a",
                                AttrValue.newBuilder().setB(false).build())
                        .putAttr(
                                "transpose_b",
                                AttrValue.newBuilder().setB(false).build());
            }
            node.putAttr("strides", ints(1, 1, 1, 1))
                    .putAttr("padding", string("SAME"))
                    .putAttr("data_format", string("NHWC"))
                    .putAttr("dilations", ints(1, 1, 1, 1))
                    .putAttr("explicit_paddings", ints());
            if (this == CONV_2D) {
                node.putAttr(
                        "use_cudnn_on_gpu", AttrValue.newBuilder().setB(true).build());
            }
            return node;
        }
    }

    /** "" is BiasAdd alone. */
    private static final List<String> ACTIVATIONS =
            List.of("", "Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh", "Prelu");
    /** The combinations TensorFlow's CPU kernels (2.10 and 2.16) for _FusedConv2D and _FusedMatMul accept. */
    private static final List<String> NATIVE_ACTIVATIONS = List.of("", "Relu", "Relu6", "Elu", "LeakyRelu");

    @ParameterizedTest
    @EnumSource(Fused.class)
    void everyRewrittenActivationEqualsTheBaseOpFollowedByBiasAndActivation(Fused fused) throws Exception {
        Inputs in = Inputs.random(fused, 7);
        GraphDef rewritten =
                FusedOpRewriter.rewrite(fusedGraph(fused, in, ACTIVATIONS)).graph();
        assertThat(rewritten.getNodeList()).noneMatch(node -> node.getOp().equals(fused.op));

        Map<String, Tensor> out = run(rewritten, in, ACTIVATIONS);

        float[] base = out.get("base").values();
        for (String activation : ACTIVATIONS) {
            float[] actual = out.get(outputName(activation)).values();
            for (int i = 0; i < base.length; i++) {
                int channel = i % fused.channels;
                float expected = activate(activation, base[i] + in.bias[channel], in.alpha[channel]);
                assertThat(actual[i])
                        .as("%s %s element %d", fused.op, activation, i)
                        .isCloseTo(expected, within(1e-5f));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = Fused.class,
            names = {"CONV_2D", "MAT_MUL"})
    void rewrittenGraphAgreesWithTensorFlowsOwnFusedKernel(Fused fused) throws Exception {
        Inputs in = Inputs.random(fused, 11);
        GraphDef original = fusedGraph(fused, in, NATIVE_ACTIVATIONS);

        Map<String, Tensor> native_ = run(original, in, NATIVE_ACTIVATIONS);
        Map<String, Tensor> rewritten = run(FusedOpRewriter.rewrite(original).graph(), in, NATIVE_ACTIVATIONS);

        for (String activation : NATIVE_ACTIVATIONS) {
            String name = outputName(activation);
            float[] expected = native_.get(name).values();
            float[] actual = rewritten.get(name).values();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i])
                        .as("%s %s element %d", fused.op, activation, i)
                        .isCloseTo(expected[i], within(1e-5f));
            }
        }
    }

    @Test
    void standalonePreluOfTfjsBecomesPlainOps() throws Exception {
        float[] x = {-2, -0.5f, 0, 0.5f, 2, -4};
        GraphDef graph = new GraphBuilder()
                .placeholder("x")
                .constant("alpha", new float[] {0.1f, 0.25f, 0.5f}, 3)
                .node(op("prelu", "Prelu", "x", "alpha"))
                .build();

        GraphDef rewritten = FusedOpRewriter.rewrite(graph).graph();
        assertThat(rewritten.getNodeList()).extracting(NodeDef::getOp).doesNotContain("Prelu");
        try (SavedModelRunner runner =
                SavedModelRunner.of(rewritten, dir.resolve("prelu"), new long[] {2, 3}, "prelu")) {
            float[] out = runner.run(Map.of("x", new Tensor(new long[] {2, 3}, x)))
                    .get("prelu")
                    .values();
            assertThat(out).containsExactly(new float[] {-0.2f, -0.125f, 0, 0.5f, 2, -2}, within(1e-6f));
        }
    }

    @Test
    void lastNodeOfTheChainKeepsTheNameAndTheBaseOpTakesTheControlInputs() {
        GraphDef graph = new GraphBuilder()
                .placeholder("x")
                .constant("w", new float[] {1}, 1, 1)
                .constant("b", new float[] {1}, 1)
                .node(op("dense", "_FusedMatMul", "x", "w", "b", "^x")
                        .putAttr("fused_ops", strings("BiasAdd", "Relu"))
                        .putAttr("num_args", AttrValue.newBuilder().setI(1).build()))
                .node(op("consumer", "Identity", "dense"))
                .build();

        List<NodeDef> nodes = FusedOpRewriter.rewrite(graph).graph().getNodeList();

        assertThat(nodes).extracting(NodeDef::getName).contains("dense/MatMul", "dense/BiasAdd", "dense", "consumer");
        NodeDef base = find(nodes, "dense/MatMul");
        assertThat(base.getInputList()).containsExactly("x", "w", "^x");
        assertThat(base.getAttrMap()).doesNotContainKeys("fused_ops", "num_args");
        assertThat(find(nodes, "dense").getOp()).isEqualTo("Relu");
        assertThat(find(nodes, "dense").getInputList()).containsExactly("dense/BiasAdd");
    }

    @Test
    void helperNodeNamesDoNotCollideWithNodesAlreadyInTheGraph() {
        GraphDef graph = new GraphBuilder()
                .placeholder("x")
                .constant("w", new float[] {1}, 1, 1)
                .constant("b", new float[] {1}, 1)
                .constant("dense/MatMul", new float[] {1}, 1)
                .node(op("dense", "_FusedMatMul", "x", "w", "b")
                        .putAttr("fused_ops", strings("BiasAdd"))
                        .putAttr("num_args", AttrValue.newBuilder().setI(1).build()))
                .build();

        List<NodeDef> nodes = FusedOpRewriter.rewrite(graph).graph().getNodeList();

        assertThat(find(nodes, "dense/MatMul_1").getOp()).isEqualTo("MatMul");
        assertThat(find(nodes, "dense/MatMul").getOp()).isEqualTo("Const");
    }

    @Test
    void fusedBatchNormIsRefusedNamingTheNode() {
        GraphDef graph = new GraphBuilder()
                .node(op("conv", "_FusedConv2D", "x", "w", "scale", "offset", "mean", "variance")
                        .putAttr("fused_ops", strings("FusedBatchNorm"))
                        .putAttr("num_args", AttrValue.newBuilder().setI(4).build()))
                .build();

        assertThatThrownBy(() -> FusedOpRewriter.rewrite(graph))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("conv")
                .hasMessageContaining("FusedBatchNorm");
    }

    /** One fused node per activation, all reading the same x, filter, bias and alpha, plus the bare base op. */
    private static GraphDef fusedGraph(Fused fused, Inputs in, List<String> activations) {
        GraphBuilder graph = new GraphBuilder()
                .placeholder("x")
                .constant("w", in.filter, fused.filterShape)
                .constant("bias", in.bias, fused.channels)
                .constant("alpha", in.alpha, fused.channels)
                .node(fused.withAttrs(op("base", fused.baseOp, "x", "w")));
        for (String activation : activations) {
            List<String> inputs = new ArrayList<>(List.of("x", "w", "bias"));
            if (activation.equals("Prelu")) {
                inputs.add("alpha");
            }
            NodeDef.Builder node = fused.withAttrs(op(outputName(activation), fused.op, inputs.toArray(String[]::new)))
                    .putAttr("fused_ops", activation.isEmpty() ? strings("BiasAdd") : strings("BiasAdd", activation))
                    .putAttr(
                            "num_args",
                            AttrValue.newBuilder().setI(inputs.size() - 2).build())
                    .putAttr("epsilon", AttrValue.newBuilder().setF(0).build());
            if (fused == Fused.CONV_2D) {
                // TensorFlow 2.16's _FusedConv2D types its extra arguments (2.10's took them as T).
                AttrValue.ListValue.Builder types = AttrValue.ListValue.newBuilder();
                for (int i = 2; i < inputs.size(); i++) {
                    types.addType(DataType.DT_FLOAT);
                }
                node.putAttr("TArgs", AttrValue.newBuilder().setList(types).build());
            }
            if (activation.equals("LeakyRelu")) {
                node.putAttr(
                        "leakyrelu_alpha",
                        AttrValue.newBuilder().setF(LEAKY_ALPHA).build());
            }
            graph.node(node);
        }
        return graph.build();
    }

    private Map<String, Tensor> run(GraphDef graph, Inputs in, List<String> activations) throws Exception {
        List<String> outputs = new ArrayList<>(List.of("base"));
        activations.forEach(activation -> outputs.add(outputName(activation)));
        Path modelDir = dir.resolve("model-" + System.nanoTime());
        try (SavedModelRunner runner =
                SavedModelRunner.of(graph, modelDir, in.inputShape, outputs.toArray(String[]::new))) {
            return runner.run(Map.of("x", new Tensor(in.inputShape, in.x)));
        }
    }

    private static String outputName(String activation) {
        return "fused_" + (activation.isEmpty() ? "bias" : activation);
    }

    private static float activate(String activation, float v, float preluAlpha) {
        return switch (activation) {
            case "" -> v;
            case "Relu" -> Math.max(0, v);
            case "Relu6" -> Math.min(6, Math.max(0, v));
            case "Elu" -> v > 0 ? v : (float) Math.expm1(v);
            case "LeakyRelu" -> v > 0 ? v : LEAKY_ALPHA * v;
            case "Sigmoid" -> (float) (1 / (1 + Math.exp(-v)));
            case "Tanh" -> (float) Math.tanh(v);
            case "Prelu" -> v > 0 ? v : preluAlpha * v;
            default -> throw new IllegalArgumentException(activation);
        };
    }

    private static NodeDef find(List<NodeDef> nodes, String name) {
        return nodes.stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
    }

    /** Seeded values wide enough that Relu6 clips and negative inputs reach every activation's left side. */
    private record Inputs(long[] inputShape, float[] x, float[] filter, float[] bias, float[] alpha) {
        static Inputs random(Fused fused, long seed) {
            Random random = new Random(seed);
            return new Inputs(
                    fused.inputShape,
                    uniform(random, count(fused.inputShape), 4),
                    uniform(random, count(fused.filterShape), 1.5f),
                    uniform(random, fused.channels, 1),
                    uniform(random, fused.channels, 0.5f));
        }

        private static int count(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return (int) n;
        }

        private static float[] uniform(Random random, int n, float scale) {
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = (random.nextFloat() * 2 - 1) * scale;
            }
            return values;
        }
    }
}
