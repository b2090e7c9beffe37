package io.zoolens.training.features;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.model.GraphNodes;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/** Graphs the freezer cannot make honest constants of are refused, before TensorFlow loads anything. */
class VariableFreezerTests {

    @TempDir
    Path dir;

    @Test
    void aSignatureThatCallsAFunctionIsRefused() throws Exception {
        GraphDef graph = GraphDef.newBuilder()
                .addNode(GraphNodes.placeholder("images"))
                .addNode(NodeDef.newBuilder()
                        .setName("StatefulPartitionedCall")
                        .setOp("StatefulPartitionedCall")
                        .addInput("images"))
                .build();
        write(graph, "StatefulPartitionedCall");

        assertThatThrownBy(() -> VariableFreezer.freeze(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calls TensorFlow functions (StatefulPartitionedCall)")
                .hasMessageContaining("graph mode");
    }

    @Test
    void aVariableUsedOtherwiseThanReadIsRefused() throws Exception {
        GraphDef graph = GraphDef.newBuilder()
                .addNode(GraphNodes.placeholder("ids"))
                .addNode(NodeDef.newBuilder().setName("table").setOp("VarHandleOp"))
                .addNode(NodeDef.newBuilder()
                        .setName("lookup")
                        .setOp("ResourceGather")
                        .addInput("table")
                        .addInput("ids"))
                .build();
        write(graph, "lookup");

        assertThatThrownBy(() -> VariableFreezer.freeze(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses variable 'table' with ResourceGather");
    }

    private void write(GraphDef graph, String output) throws Exception {
        SavedModelWriter.write(
                graph,
                Map.of("images", new TensorSpec(graph.getNode(0).getName(), DataType.DT_FLOAT, -1, 4)),
                Map.of("embedding", new TensorSpec(output, DataType.DT_FLOAT, -1, 4)),
                dir);
        Files.createDirectories(dir.resolve("variables"));
    }
}
