package io.zoolens.model;

import java.util.ArrayList;
import java.util.List;

/** Checks a zoolens-model.json for what the task needs, so a bad file fails at load, not per request. */
public final class ModelMetadataValidator {

    private ModelMetadataValidator() {}

    public static List<String> problems(ModelMetadata metadata) {
        List<String> problems = new ArrayList<>();
        if (metadata.task() == null) {
            problems.add("task is missing (classification, detection or embedding)");
        }
        ModelMetadata.Input input = metadata.input();
        if (input == null) {
            problems.add("input is missing");
        } else {
            if (input.tensor() == null || input.tensor().isBlank()) {
                problems.add("input.tensor (the signature input key) is missing");
            }
            if (input.width() <= 0 || input.height() <= 0) {
                problems.add("input.width and input.height must be positive");
            }
            checkPerChannel("input.mean", input.mean(), problems);
            checkPerChannel("input.std", input.std(), problems);
            if (input.std() != null && input.std().stream().anyMatch(s -> s == 0f)) {
                problems.add("input.std must not contain 0");
            }
            if (input.valueRange() != null && input.valueRange().size() != 2) {
                problems.add("input.valueRange must be [min, max]");
            }
        }
        ModelMetadata.Task task = metadata.task();
        if (task != null) {
            String taskName = task.jsonName();
            if (metadata.outputs() == null || metadata.outputs().keyFor(task) == null) {
                problems.add("outputs." + task.outputField() + " is needed for a " + taskName + " model");
            }
            if (task != ModelMetadata.Task.EMBEDDING && metadata.labels() == null) {
                problems.add("labels (the labels file) is needed for a " + taskName + " model");
            }
        }
        checkReject(metadata, problems);
        return problems;
    }

    private static void checkReject(ModelMetadata metadata, List<String> problems) {
        ModelMetadata.Reject reject = metadata.reject();
        if (reject == null) {
            return;
        }
        if (metadata.task() != null && metadata.task() != ModelMetadata.Task.CLASSIFICATION) {
            problems.add("reject applies to classification models only");
        }
        if (reject.minSimilarity() == null && reject.minProbability() == null) {
            problems.add("reject needs minSimilarity, minProbability or both");
        }
        if (reject.minSimilarity() != null) {
            if (!(reject.minSimilarity() >= -1 && reject.minSimilarity() <= 1)) {
                problems.add("reject.minSimilarity must lie in -1..1 (a cosine similarity)");
            }
            if (metadata.outputs() == null || metadata.outputs().similarity() == null) {
                problems.add("reject.minSimilarity needs outputs.similarity (the best centroid similarity)");
            }
        }
        if (reject.minProbability() != null && !(reject.minProbability() >= 0 && reject.minProbability() <= 1)) {
            problems.add("reject.minProbability must lie in 0..1");
        }
    }

    private static void checkPerChannel(String field, List<Float> values, List<String> problems) {
        if (values != null && values.size() != 1 && values.size() != 3) {
            problems.add(field + " must have 1 or 3 values");
        }
    }
}
