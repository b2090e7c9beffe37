package io.zoolens.importer;

import io.zoolens.model.GraphNodes;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Gives the centernet graph a batch dimension, so one session run classifies several images.
 *
 * <p>The TF.js converter folded the original batch-aware post-processing for a batch of one: the
 * placeholder is {@code [1,512,512,3]}, four reshape shapes name the batch of one, and the batch
 * gather's per-image offsets ({@code b × 128 × 128}) were folded away. The backbone (convolutions,
 * pooling, resizes) works on any batch. This puts back exactly what folding removed: {@code -1} where
 * the batch was, and the offsets computed from the actual batch size.
 */
final class CenternetBatchRewrite {

    /** Heat-map cells per image: a 512 input gives a 128 × 128 map. */
    static final int HEATMAP_CELLS = 128 * 128;

    static final int CLASSES = 80;
    static final int TOP_K = 100;
    private static final int BOX_VALUES = 4;

    /** Reshape shapes whose first entry is the folded batch (or batch × cells), by node name. */
    private static final Map<String, List<Integer>> BATCHED_SHAPES = Map.of(
            "tower_0/Reshape/shape", List.of(-1, HEATMAP_CELLS * CLASSES),
            "tower_0/BatchGather/concat", List.of(-1, BOX_VALUES),
            "tower_0/BatchGather/concat_1", List.of(-1, TOP_K, BOX_VALUES));

    /** Index of each top-k box inside its own image's heat map ([batch, 100]). */
    private static final String CELL_INDEX = "tower_0/BatchGather/add";
    /** Flattens the gather indices; re-pointed at the indices with offsets. */
    private static final String FLATTEN_INDICES = "tower_0/BatchGather/Reshape_1";

    private static final String PREFIX = "zoolens/batch/";

    private CenternetBatchRewrite() {}

    /** The model with a batch dimension; a graph without centernet's batch gather is returned as it is. */
    static TfjsImporter.ImportedModel apply(TfjsImporter.ImportedModel model) {
        if (model.graph().getNodeList().stream()
                .noneMatch(node -> node.getName().equals(CELL_INDEX))) {
            return model;
        }
        GraphDef.Builder graph = model.graph().toBuilder();
        int changed = 0;
        for (NodeDef.Builder node : graph.getNodeBuilderList()) {
            List<Integer> shape = BATCHED_SHAPES.get(node.getName());
            if (shape != null) {
                node.putAttr(
                        "value", GraphNodes.int32Const(node.getName(), shape).getAttrOrThrow("value"));
                changed++;
            } else if (node.getName().equals(CocoCenternetPreset.INPUT)) {
                node.putAttr(
                        "shape",
                        AttrValue.newBuilder().setShape(batchedInputShape()).build());
                changed++;
            } else if (node.getName().equals(FLATTEN_INDICES)) {
                node.setInput(0, PREFIX + "indices");
                changed++;
            }
        }
        if (changed != BATCHED_SHAPES.size() + 2) {
            throw new ImportException("The centernet graph does not have the nodes the batch rewrite expects ("
                    + changed + " of " + (BATCHED_SHAPES.size() + 2) + " found); was the package changed?");
        }
        addOffsets(graph);

        Map<String, TensorSpec> inputs = new LinkedHashMap<>();
        model.inputs().forEach((key, spec) -> inputs.put(key, withBatch(spec)));
        Map<String, TensorSpec> outputs = new LinkedHashMap<>();
        model.outputs().forEach((key, spec) -> outputs.put(key, withBatch(spec)));
        return new TfjsImporter.ImportedModel(
                graph.build(), inputs, outputs, model.weights(), model.rewrittenNodes() + changed);
    }

    /** indices = cell index + b × cells, with b the image's position in the batch. */
    private static void addOffsets(GraphDef.Builder graph) {
        graph.addNode(node("Shape", "shape", CELL_INDEX).putAttr("out_type", GraphNodes.type(DataType.DT_INT32)));
        graph.addNode(constant("zero", List.of(0), false));
        graph.addNode(constant("one", List.of(1), false));
        graph.addNode(constant("one_scalar", List.of(1), true));
        graph.addNode(constant("zero_scalar", List.of(0), true));
        graph.addNode(constant("cells", List.of(HEATMAP_CELLS), true));
        graph.addNode(constant("last_axis", List.of(-1), true));
        graph.addNode(node("StridedSlice", "size", PREFIX + "shape", PREFIX + "zero", PREFIX + "one", PREFIX + "one")
                .putAttr("Index", GraphNodes.type(DataType.DT_INT32))
                .putAttr("shrink_axis_mask", AttrValue.newBuilder().setI(1).build()));
        graph.addNode(node("Range", "range", PREFIX + "zero_scalar", PREFIX + "size", PREFIX + "one_scalar")
                .removeAttr("T") // Range has only Tidx
                .putAttr("Tidx", GraphNodes.type(DataType.DT_INT32)));
        graph.addNode(node("Mul", "offsets", PREFIX + "range", PREFIX + "cells"));
        graph.addNode(node("ExpandDims", "offsets_column", PREFIX + "offsets", PREFIX + "last_axis")
                .putAttr("Tdim", GraphNodes.type(DataType.DT_INT32)));
        graph.addNode(node("AddV2", "indices", CELL_INDEX, PREFIX + "offsets_column"));
    }

    /** An int32 operation under this rewrite's prefix: every tensor here is int32 (cell indices, shapes, sizes). */
    private static NodeDef.Builder node(String op, String name, String... inputs) {
        return GraphNodes.op(op, PREFIX + name, DataType.DT_INT32, inputs);
    }

    private static NodeDef constant(String name, List<Integer> values, boolean scalar) {
        return scalar
                ? GraphNodes.int32Scalar(PREFIX + name, values.get(0))
                : GraphNodes.int32Const(PREFIX + name, values);
    }

    private static TensorShapeProto batchedInputShape() {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long dim : new long[] {-1, CocoCenternetPreset.SIZE, CocoCenternetPreset.SIZE, 3}) {
            shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(dim));
        }
        return shape.build();
    }

    /** The signature states the batch as unknown; a spec without a shape stays so. */
    private static TensorSpec withBatch(TensorSpec spec) {
        if (spec.shape() == null || spec.shape().length == 0) {
            return spec;
        }
        long[] shape = spec.shape().clone();
        shape[0] = -1;
        return new TensorSpec(spec.tensorName(), spec.dtype(), shape);
    }
}
