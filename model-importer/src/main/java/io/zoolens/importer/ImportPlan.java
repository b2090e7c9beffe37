package io.zoolens.importer;

import io.zoolens.model.ModelMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One import: which TF.js model, described how, written where.
 *
 * @param outputDir the version folder, {@code <models dir>/<name>/<version>}
 * @param replace whether an existing version folder may be swapped for the new one
 */
public record ImportPlan(Model model, Path outputDir, boolean replace) {

    public static final String LABELS_FILE = "labels.txt";
    public static final String METADATA_FILE = "zoolens-model.json";

    /**
     * @param outputKeys signature outputs to keep; empty keeps all
     * @param metadata the {@code zoolens-model.json} to write; name, version, the input tensor and a
     *     task's only output may be left out and are then completed from the folder and the signature
     * @param labels lines of {@code labels.txt}, or {@code null} for none
     * @param graphRewrite a model-specific change of the imported graph (e.g. a batch dimension)
     */
    public record Model(
            Path modelJson,
            List<String> outputKeys,
            ModelMetadata metadata,
            List<String> labels,
            UnaryOperator<TfjsImporter.ImportedModel> graphRewrite) {

        public Model(Path modelJson, List<String> outputKeys, ModelMetadata metadata, List<String> labels) {
            this(modelJson, outputKeys, metadata, labels, UnaryOperator.identity());
        }
    }
}
