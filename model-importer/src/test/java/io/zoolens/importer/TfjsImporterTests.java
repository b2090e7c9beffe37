package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.importer.SavedModelRunner.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.NodeDef;

/** A hand-made TF.js model through the whole importer and then through real TensorFlow. */
class TfjsImporterTests {

    private static final float[] X = {1, -2, 3, 0.5f, -1, 2, 4, 1, 0, -3, 2, 2, -0.5f, 1.5f, 3, -1, 1, 0.25f};

    @TempDir
    Path dir;

    @Test
    void importedModelComputesInTensorFlowWhatTheTfjsGraphDescribes() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");

        TfjsImporter.ImportedModel imported = TfjsImporter.importModel(modelJson, List.of());
        imported.writeSavedModel(dir.resolve("saved"));

        assertThat(imported.inputs()).containsOnlyKeys("pixels");
        assertThat(imported.outputs()).containsOnlyKeys("scores", "flat");
        assertThat(imported.weights()).isEqualTo(4);
        assertThat(imported.rewrittenNodes()).isEqualTo(1);
        try (SavedModelRunner runner = SavedModelRunner.load(dir.resolve("saved"))) {
            Map<String, Tensor> out = runner.run(Map.of("pixels", new Tensor(TinyTfjsModel.INPUT_SHAPE, X)));
            float[][] expected = TinyTfjsModel.expected(X);
            assertThat(out.get("flat").values()).containsExactly(expected[0], within(1e-6f));
            assertThat(out.get("scores").values()).containsExactly(expected[1], within(1e-5f));
            assertThat(out.get("scores").shape()).containsExactly(1, 8);
        }
    }

    @Test
    void importedGraphHasNoDevicePinsNoTfjsOpsAndTensorFlowsGraphVersion() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");

        TfjsImporter.ImportedModel imported = TfjsImporter.importModel(modelJson, List.of());

        assertThat(imported.graph().getNodeList())
                .allMatch(node -> node.getDevice().isEmpty());
        assertThat(imported.graph().getNodeList())
                .extracting(NodeDef::getOp)
                .doesNotContain("FusedDepthwiseConv2dNative")
                .contains("DepthwiseConv2dNative", "BiasAdd", "Relu6");
        assertThat(imported.graph().getVersions().getProducer()).isEqualTo(TfjsImporter.TENSORFLOW_GRAPH_DEF_VERSION);
        NodeDef shape = imported.graph().getNodeList().stream()
                .filter(node -> node.getName().equals("flat_shape"))
                .findFirst()
                .orElseThrow();
        assertThat(shape.getAttrOrThrow("value").getTensor().getDtype()).isEqualTo(DataType.DT_INT64);
        assertThat(shape.getAttrOrThrow("value").getTensor().getTensorContent().size())
                .isEqualTo(16);
    }

    @Test
    void onlyTheRequestedOutputsEnterTheSignature() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");

        TfjsImporter.ImportedModel imported = TfjsImporter.importModel(modelJson, List.of("scores"));

        assertThat(imported.outputs()).containsOnlyKeys("scores");
    }

    @Test
    void anUnknownOutputIsRefusedListingTheOnesThereAre() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");

        assertThatThrownBy(() -> TfjsImporter.importModel(modelJson, List.of("logits")))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("logits")
                .hasMessageContaining("scores");
    }

    @Test
    void aModelWithoutSignatureTakesPlaceholdersAsInputsAndNamedNodesAsOutputs() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores", false);

        assertThatThrownBy(() -> TfjsImporter.importModel(modelJson, List.of()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("--outputs");
        TfjsImporter.ImportedModel imported = TfjsImporter.importModel(modelJson, List.of("out"));
        imported.writeSavedModel(dir.resolve("saved"));

        assertThat(imported.inputs()).containsOnlyKeys("x");
        try (SavedModelRunner runner = SavedModelRunner.load(dir.resolve("saved"))) {
            float[] out = runner.run(Map.of("x", new Tensor(TinyTfjsModel.INPUT_SHAPE, X)))
                    .get("out")
                    .values();
            assertThat(out).containsExactly(TinyTfjsModel.expected(X)[1], within(1e-5f));
        }
    }

    @Test
    void aConstWhoseWeightIsMissingIsRefusedByName() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");
        Files.writeString(
                modelJson,
                Files.readString(modelJson)
                        .replace("\"name\": \"scale\", \"shape\"", "\"name\": \"other\", \"shape\""));

        assertThatThrownBy(() -> TfjsImporter.importModel(modelJson, List.of()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("Const node scale has no weight");
    }

    @Test
    void aLayersModelIsRefusedAsNotAGraphModel() throws Exception {
        Path modelJson = TinyTfjsModel.write(dir.resolve("tfjs"), "pixels", "scores");
        Files.writeString(modelJson, Files.readString(modelJson).replace("graph-model", "layers-model"));

        assertThatThrownBy(() -> TfjsImporter.importModel(modelJson, List.of()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("only graph models");
    }
}
