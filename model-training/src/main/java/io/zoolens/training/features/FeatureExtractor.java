package io.zoolens.training.features;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import io.zoolens.model.ModelInput;
import io.zoolens.model.Preprocessor;
import io.zoolens.model.SavedModelWriter;
import io.zoolens.model.SavedModelWriter.TensorSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;

/**
 * Runs a backbone's graph through DJL's TensorFlow engine and returns only feature vectors: the graph is
 * saved again with a signature that names just the wanted outputs, so TensorFlow computes the backbone and
 * skips the rest (a detector's head, say). Callers prepare TensorFlow's natives first
 * ({@code TensorFlowNativeLibraries}). Not thread-safe: one caller at a time.
 */
public final class FeatureExtractor implements Features, AutoCloseable {

    /** The output key of {@link #open(Backbone, Path, int)}. */
    public static final String FEATURES = "features";

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final Preprocessor preprocessor;
    private final String inputKey;
    private final int batchSize;

    private FeatureExtractor(
            ZooModel<NDList, NDList> model, Preprocessor preprocessor, String inputKey, int batchSize) {
        this.model = model;
        this.predictor = model.newPredictor();
        this.preprocessor = preprocessor;
        this.inputKey = inputKey;
        this.batchSize = batchSize;
    }

    /** The backbone's feature output, under {@link #FEATURES}; {@code workDir} receives a SavedModel. */
    public static FeatureExtractor open(Backbone backbone, Path workDir, int batchSize) throws IOException {
        return open(backbone, workDir, batchSize, Map.of());
    }

    /**
     * As {@link #open(Backbone, Path, int)}, with DJL engine options ({@code ConfigProto}: TensorFlow's thread
     * pools, say, so a background extraction leaves cores to the classifier's own requests).
     */
    public static FeatureExtractor open(
            Backbone backbone, Path workDir, int batchSize, Map<String, String> engineOptions) throws IOException {
        return open(
                backbone, backbone.graph(), Map.of(FEATURES, backbone.features()), workDir, batchSize, engineOptions);
    }

    /**
     * Any float outputs of {@code graph} (a backbone's graph with nodes added, say), by key → graph tensor;
     * images are prepared as the backbone's metadata says.
     */
    public static FeatureExtractor open(
            Backbone backbone, GraphDef graph, Map<String, String> outputs, Path workDir, int batchSize)
            throws IOException {
        return open(backbone, graph, outputs, workDir, batchSize, Map.of());
    }

    private static FeatureExtractor open(
            Backbone backbone,
            GraphDef graph,
            Map<String, String> outputs,
            Path workDir,
            int batchSize,
            Map<String, String> engineOptions)
            throws IOException {
        Map<String, TensorSpec> signatureOutputs = new LinkedHashMap<>();
        outputs.forEach((key, tensor) -> signatureOutputs.put(key, new TensorSpec(tensor, DataType.DT_FLOAT, -1, -1)));
        SavedModelWriter.write(graph, Map.of(backbone.inputKey(), backbone.input()), signatureOutputs, workDir);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(workDir)
                .optEngine("TensorFlow")
                .optTranslator(new NoopTranslator())
                .optOptions(engineOptions)
                .build();
        try {
            return new FeatureExtractor(
                    criteria.loadModel(),
                    new Preprocessor(backbone.metadata().input()),
                    backbone.inputKey(),
                    Math.max(1, batchSize));
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IOException("TensorFlow cannot load the feature graph in " + workDir + ": " + e.getMessage(), e);
        }
    }

    /** The single output's vectors, one row per image, in order. */
    @Override
    public float[][] extract(List<BufferedImage> images) {
        Map<String, float[][]> all = extractAll(images);
        if (all.size() != 1) {
            throw new IllegalStateException("extract() needs exactly one output; this one has " + all.keySet());
        }
        return all.values().iterator().next();
    }

    /** Every output's vectors by key, one row per image, in order. */
    public Map<String, float[][]> extractAll(List<BufferedImage> images) {
        Map<String, float[][]> result = new LinkedHashMap<>();
        for (int start = 0; start < images.size(); start += batchSize) {
            List<BufferedImage> batch = images.subList(start, Math.min(images.size(), start + batchSize));
            Map<String, float[][]> rows = run(batch);
            for (Map.Entry<String, float[][]> entry : rows.entrySet()) {
                float[][] all = result.computeIfAbsent(entry.getKey(), key -> new float[images.size()][]);
                System.arraycopy(entry.getValue(), 0, all, start, entry.getValue().length);
            }
        }
        return result;
    }

    private Map<String, float[][]> run(List<BufferedImage> batch) {
        List<ModelInput> inputs = new ArrayList<>(batch.size());
        for (BufferedImage image : batch) {
            inputs.add(preprocessor.prepare(image, 1, 0f));
        }
        long[] shape = inputs.get(0).shape().clone();
        shape[0] = batch.size();
        int each = inputs.get(0).size();
        FloatBuffer tensor = FloatBuffer.allocate(each * batch.size());
        for (ModelInput input : inputs) {
            tensor.put(input.tensor().duplicate().rewind());
        }
        tensor.flip();
        try (NDManager manager = NDManager.newBaseManager("TensorFlow")) {
            NDArray array = manager.create(tensor, new Shape(shape));
            array.setName(inputKey);
            NDList out = predictor.predict(new NDList(array));
            Map<String, float[][]> rows = new LinkedHashMap<>();
            for (NDArray output : out) {
                float[] values = output.toFloatArray();
                int dimension = values.length / batch.size();
                float[][] vectors = new float[batch.size()][dimension];
                for (int i = 0; i < batch.size(); i++) {
                    System.arraycopy(values, i * dimension, vectors[i], 0, dimension);
                }
                rows.put(output.getName(), vectors);
            }
            return rows;
        } catch (TranslateException e) {
            throw new IllegalStateException("Feature extraction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
