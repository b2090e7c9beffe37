package io.zoolens.importer;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import io.zoolens.model.TensorFlowNativeLibraries;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;

/** Runs a SavedModel through DJL's TensorFlow engine, the way the service does, for the tests. */
final class SavedModelRunner implements AutoCloseable {

    /** A float tensor: values in row-major order. */
    record Tensor(long[] shape, float[] values) {}

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;

    private SavedModelRunner(ZooModel<NDList, NDList> model) {
        this.model = model;
        this.predictor = model.newPredictor();
    }

    static SavedModelRunner load(Path savedModelDir) throws Exception {
        new TensorFlowNativeLibraries(
                        Path.of(System.getProperty("user.home"), ".cache/zoolens/tensorflow"),
                        SavedModelRunner.class.getClassLoader())
                .prepare();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(savedModelDir)
                .optEngine("TensorFlow")
                .optTranslator(new NoopTranslator())
                .build();
        return new SavedModelRunner(criteria.loadModel());
    }

    /** Writes {@code graph} with one float input {@code x} and the named float outputs, then loads it. */
    static SavedModelRunner of(GraphDef graph, Path dir, long[] inputShape, String... outputNodes) throws Exception {
        Map<String, TensorSpec> outputs = new LinkedHashMap<>();
        for (String node : outputNodes) {
            outputs.put(node, new TensorSpec(node, DataType.DT_FLOAT, (long[]) null));
        }
        SavedModelWriter.write(graph, Map.of("x", new TensorSpec("x", DataType.DT_FLOAT, inputShape)), outputs, dir);
        return load(dir);
    }

    /** Feeds the inputs by signature key and returns every output by signature key. */
    Map<String, Tensor> run(Map<String, Tensor> inputs) throws Exception {
        try (NDManager manager = NDManager.newBaseManager("TensorFlow")) {
            NDList list = new NDList();
            inputs.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
                NDArray array = manager.create(
                        entry.getValue().values(), new Shape(entry.getValue().shape()));
                array.setName(entry.getKey());
                list.add(array);
            });
            NDList out = predictor.predict(list);
            Map<String, Tensor> result = new LinkedHashMap<>();
            for (NDArray array : out) {
                result.put(array.getName(), new Tensor(array.getShape().getShape(), array.toFloatArray()));
            }
            return result;
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
