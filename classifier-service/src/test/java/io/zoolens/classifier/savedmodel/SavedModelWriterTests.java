package io.zoolens.classifier.savedmodel;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.zoolens.classifier.engine.TensorFlowNativeLibraries;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.framework.AttrValue;
import org.tensorflow.proto.framework.DataType;
import org.tensorflow.proto.framework.GraphDef;
import org.tensorflow.proto.framework.NodeDef;
import org.tensorflow.proto.framework.TensorProto;
import org.tensorflow.proto.framework.TensorShapeProto;

class SavedModelWriterTests {

    @TempDir
    Path dir;

    @Test
    void writtenGraphRunsInDjl() throws Exception {
        new TensorFlowNativeLibraries(Path.of(System.getProperty("user.home"), ".cache/zoolens/tensorflow"),
                        getClass().getClassLoader())
                .prepare();
        AttrValue f32 = AttrValue.newBuilder().setType(DataType.DT_FLOAT).build();
        GraphDef graph = GraphDef.newBuilder()
                .addNode(NodeDef.newBuilder()
                        .setName("x")
                        .setOp("Placeholder")
                        .putAttr("dtype", f32))
                .addNode(NodeDef.newBuilder()
                        .setName("axes")
                        .setOp("Const")
                        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
                        .putAttr("value", AttrValue.newBuilder().setTensor(TensorProto.newBuilder()
                                .setDtype(DataType.DT_INT32)
                                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(2)))
                                .addIntVal(1).addIntVal(2)).build()))
                .addNode(NodeDef.newBuilder()
                        .setName("mean")
                        .setOp("Mean")
                        .addInput("x")
                        .addInput("axes")
                        .putAttr("T", f32)
                        .putAttr("Tidx", AttrValue.newBuilder().setType(DataType.DT_INT32).build()))
                .build();
        SavedModelWriter.write(
                graph,
                Map.of("image", new SavedModelWriter.TensorSpec("x", DataType.DT_FLOAT, 1, 2, 2, 3)),
                Map.of("scores", new SavedModelWriter.TensorSpec("mean", DataType.DT_FLOAT, 1, 3)),
                dir);

        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(dir)
                .optEngine("TensorFlow")
                .optTranslator(new NoopTranslator())
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor();
                NDManager manager = NDManager.newBaseManager()) {
            var input = manager.create(new float[] {1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9}, new Shape(1, 2, 2, 3));
            NDList out = predictor.predict(new NDList(input));
            assertThat(out.get(0).toFloatArray()).containsExactly(4f, 5f, 6f);
        }
    }
}
