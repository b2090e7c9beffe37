package io.zoolens.classifier.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.model.InputGeometry;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A trained model's reject rule, applied by the classification translator to hand-made outputs. */
class RejectDecisionTests {

    private static final List<String> LABELS = List.of("trouser", "sneaker", "bag");
    private static final ModelMetadata.Reject RULE = new ModelMetadata.Reject(0.9, 0.6, 0.05);

    @Test
    void withoutARuleTheAnswerIsAsBefore() {
        ClassificationTranslator t = translator(null);
        assertThat(t.extraOutputs()).isEmpty();
        Prediction p = t.read(new float[] {0.1f, 0.85f, 0.05f}, input(3, 0f));
        assertThat(p.verdict()).isNull();
        assertThat(p.labels()).extracting(Prediction.LabelScore::label).containsExactly("sneaker", "trouser", "bag");
    }

    @Test
    void anImageCloseToAClassAndNamedSurelyKeepsItsClass() {
        ClassificationTranslator t = translator(RULE);
        assertThat(t.extraOutputs()).containsExactly("similarity");
        Prediction p = t.read(new float[] {0.1f, 0.85f, 0.05f}, new float[][] {{0.95f}}, input(3, 0f));
        assertThat(p.verdict().unknown()).isFalse();
        assertThat(p.verdict().reasons()).isEmpty();
        assertThat(p.verdict().similarity()).isEqualTo(0.95f);
        assertThat(p.verdict().probability()).isEqualTo(0.85f);
        assertThat(p.labels().get(0).label()).isEqualTo("sneaker");
    }

    @Test
    void anImageFarFromEveryClassIsUnknownEvenAt94PercentAndKeepsTheLabelsAsHintsBestFirst() {
        Prediction p = translator(RULE).read(new float[] {0.02f, 0.94f, 0.04f}, new float[][] {{0.7f}}, input(3, 0f));
        assertThat(p.verdict().unknown()).isTrue();
        assertThat(p.verdict().reasons()).containsExactly(RejectDecision.LOW_SIMILARITY);
        assertThat(p.verdict().minSimilarity()).isEqualTo(0.9);
        assertThat(p.labels()).extracting(Prediction.LabelScore::label).containsExactly("sneaker", "bag", "trouser");
    }

    @Test
    void anUnsureAnswerIsUnknownWhateverTheRequestsTopKAndMinScore() {
        Prediction p = translator(RULE).read(new float[] {0.3f, 0.45f, 0.25f}, new float[][] {{0.95f}}, input(1, 0.5f));
        assertThat(p.verdict().unknown()).isTrue();
        assertThat(p.verdict().reasons()).containsExactly(RejectDecision.LOW_PROBABILITY);
        assertThat(p.verdict().probability())
                .as("the best of all classes, not of those listed")
                .isEqualTo(0.45f);
        assertThat(p.labels()).isEmpty();
    }

    @Test
    void bothTestsCanRefuseAndAMissingOrNanSimilarityRefuses() {
        RejectDecision rule = RejectDecision.of(RULE);
        assertThat(rule.decide(0.4f, 0.5f).reasons())
                .containsExactly(RejectDecision.LOW_SIMILARITY, RejectDecision.LOW_PROBABILITY);
        assertThat(rule.decide(0.9f, Float.NaN).unknown()).isTrue();
        assertThat(rule.decide(0.9f, null).unknown()).isTrue();
        assertThat(rule.decide(0.6f, 0.9f).unknown())
                .as("a threshold itself passes")
                .isFalse();
        RejectDecision probabilityOnly = RejectDecision.of(new ModelMetadata.Reject(null, 0.6, null));
        assertThat(probabilityOnly.decide(0.7f, null).unknown()).isFalse();
        assertThat(probabilityOnly.decide(0.5f, null).reasons()).containsExactly(RejectDecision.LOW_PROBABILITY);
    }

    private static ClassificationTranslator translator(ModelMetadata.Reject rule) {
        return new ClassificationTranslator(
                new ModelMetadata(
                        "u-owner-clothes",
                        "1",
                        ModelMetadata.Task.CLASSIFICATION,
                        null,
                        new ModelMetadata.Input(
                                "x", 8, 8, ModelMetadata.Layout.NHWC, ModelMetadata.Resize.STRETCH, null, null, null),
                        new ModelMetadata.Outputs("scores", null, "features", "similarity"),
                        "labels.txt",
                        new ModelMetadata.Postprocess(ModelMetadata.Activation.NONE, 0, null, null, 3, 0f, null),
                        null,
                        rule),
                LABELS);
    }

    private static ModelInput input(int topK, float minScore) {
        return new ModelInput(
                FloatBuffer.allocate(0), new long[] {1}, new InputGeometry(8, 8, 8, 8, 1, 1, 0, 0), topK, minScore);
    }
}
