package io.zoolens.classifier.runtime;

import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Top-k labels with probabilities from a score vector, applying the model's activation; for a model with a
 * reject rule also the verdict, so an image unlike every class answers {@code unknown} with the labels as hints.
 */
final class ClassificationTranslator extends TensorInputTranslator {

    private final ModelMetadata.Activation activation;
    private final int labelOffset;
    private final List<String> labels;
    private final RejectDecision reject;
    private final List<String> extraOutputs;

    ClassificationTranslator(ModelMetadata metadata, List<String> labels) {
        super(metadata);
        ModelMetadata.Postprocess post = metadata.postprocess();
        this.activation = post != null && post.activation() != null ? post.activation() : ModelMetadata.Activation.NONE;
        this.labelOffset = post != null && post.labelOffset() != null ? post.labelOffset() : 0;
        this.labels = labels;
        this.reject = metadata.reject() == null ? null : RejectDecision.of(metadata.reject());
        String similarity = metadata.outputs().similarity();
        this.extraOutputs = reject != null && similarity != null ? List.of(similarity) : List.of();
    }

    @Override
    List<String> extraOutputs() {
        return extraOutputs;
    }

    @Override
    Prediction read(float[] scores, float[][] extras, ModelInput input) {
        float[] probabilities = activate(scores);
        List<Prediction.LabelScore> top = topK(probabilities, input.topK(), input.minScore());
        if (reject == null) {
            return Prediction.ofLabels(top);
        }
        Float similarity = extras.length > 0 && extras[0].length > 0 ? extras[0][0] : null;
        return new Prediction(top, null, null, reject.decide(best(probabilities), similarity));
    }

    @Override
    Prediction read(float[] scores, ModelInput input) {
        return read(scores, new float[0][], input);
    }

    /** The highest probability of a listed label, whatever the request's top-k and minimum score. */
    private float best(float[] probabilities) {
        float best = 0;
        for (int i = labelOffset; i < probabilities.length && i - labelOffset < labels.size(); i++) {
            best = Math.max(best, probabilities[i]);
        }
        return best;
    }

    float[] activate(float[] scores) {
        return switch (activation) {
            case NONE -> scores;
            case SIGMOID -> {
                float[] out = new float[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    out[i] = (float) (1 / (1 + Math.exp(-scores[i])));
                }
                yield out;
            }
            case SOFTMAX -> {
                double max = Double.NEGATIVE_INFINITY;
                for (float s : scores) {
                    max = Math.max(max, s);
                }
                double sum = 0;
                double[] exp = new double[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    exp[i] = Math.exp(scores[i] - max);
                    sum += exp[i];
                }
                float[] out = new float[scores.length];
                for (int i = 0; i < scores.length; i++) {
                    out[i] = (float) (exp[i] / sum);
                }
                yield out;
            }
        };
    }

    List<Prediction.LabelScore> topK(float[] probabilities, int k, float minScore) {
        List<Prediction.LabelScore> all = new ArrayList<>();
        for (int i = labelOffset; i < probabilities.length; i++) {
            int labelIndex = i - labelOffset;
            if (probabilities[i] >= minScore && labelIndex < labels.size()) {
                all.add(new Prediction.LabelScore(labels.get(labelIndex), probabilities[i]));
            }
        }
        all.sort(Comparator.comparingDouble(Prediction.LabelScore::score).reversed());
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }
}
