package io.zoolens.training.reject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.training.Clusters;
import io.zoolens.training.evaluation.CrossValidation;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import org.junit.jupiter.api.Test;

class RejectRuleTests {

    private final HeadTrainer trainer = new HeadTrainer(HeadTrainer.Settings.defaults());
    private final LabelledVectors data = Clusters.around(10, new int[] {20, 20, 20}, 0.25, 11);
    private final SoftmaxHead head = trainer.train(data);
    private final RejectRule rule =
            RejectRule.calibrate(data, CrossValidation.run(data, trainer, 1).outOfFold(), RejectRule.DEFAULT_QUANTILE);

    @Test
    void picturesLikeTheTrainingOnesAreNamed() {
        LabelledVectors fresh = Clusters.around(10, new int[] {20, 20, 20}, 0.25, 12);
        int named = 0;
        for (int i = 0; i < fresh.size(); i++) {
            float[] x = fresh.vectors()[i];
            RejectRule.Verdict verdict = rule.decide(head.labels(), x, head.probabilities(x), 3);
            if (!verdict.unknown()) {
                named++;
                assertThat(verdict.label()).isEqualTo(head.labels().get(fresh.classes()[i]));
            }
        }
        assertThat(named).as("of 60 new pictures like the training ones").isGreaterThanOrEqualTo(48);
    }

    @Test
    void aPictureUnlikeEveryClassIsUnknownWithTheBestGuessesAsHints() {
        float[] elsewhere = new float[10];
        elsewhere[7] = 1; // an axis no class lies on

        double[] p = head.probabilities(elsewhere);
        RejectRule.Verdict verdict = rule.decide(head.labels(), elsewhere, p, 2);

        assertThat(verdict.unknown()).isTrue();
        assertThat(verdict.label()).isNull();
        assertThat(verdict.guesses()).hasSize(2);
        assertThat(verdict.guesses().get(0).probability())
                .isGreaterThanOrEqualTo(verdict.guesses().get(1).probability());
        assertThat(verdict.guesses().get(0).probability()).isCloseTo(p[SoftmaxHead.best(p)], within(1e-12));
        assertThat(verdict.similarity()).isLessThan(rule.minSimilarity());
    }

    @Test
    void thresholdsComeFromTheTrainingData() {
        assertThat(rule.minSimilarity()).isBetween(0.5, 1.0);
        assertThat(rule.minProbability()).isBetween(0.0, 1.0);
        assertThat(rule.centroids()).hasNumberOfRows(3);
        assertThat(RejectRule.quantile(new double[] {5, 1, 4, 2, 3}, 0.25)).isEqualTo(2);
    }

    @Test
    void spreadOutPicturesKeepThePlainQuantiles() {
        double[] own = RejectRule.ownClassSimilarities(data);
        assertThat(RejectRule.quantile(own, 0.05)).isLessThan(RejectRule.quantile(own, 0.5) - RejectRule.MIN_SPREAD);
        assertThat(rule.minSimilarity()).isEqualTo(RejectRule.quantile(own, 0.05));
    }

    @Test
    void nearIdenticalPicturesDoNotMakeTheThresholdsStricterThanTheBounds() {
        LabelledVectors alike = Clusters.around(10, new int[] {10, 10}, 0.002, 5);
        RejectRule strict = RejectRule.calibrate(
                alike, CrossValidation.run(alike, trainer, 1).outOfFold(), RejectRule.DEFAULT_QUANTILE);
        double[] own = RejectRule.ownClassSimilarities(alike);

        assertThat(RejectRule.quantile(own, 0.05)).as("the plain quantile").isGreaterThan(0.999);
        assertThat(strict.minSimilarity())
                .isCloseTo(RejectRule.quantile(own, 0.5) - RejectRule.MIN_SPREAD, within(1e-12));
        assertThat(strict.minProbability()).isLessThanOrEqualTo(RejectRule.MAX_MIN_PROBABILITY);
        // A close variant 0.005 off its class is named; a picture between the classes is still unknown.
        float[] variant = new float[10];
        variant[0] = 1;
        variant[3] = 0.1f;
        SoftmaxHead alikeHead = trainer.train(alike);
        assertThat(strict.decide(alikeHead.labels(), variant, alikeHead.probabilities(variant), 1)
                        .unknown())
                .isFalse();
        float[] between = new float[10];
        between[0] = 1;
        between[1] = 1;
        assertThat(strict.decide(alikeHead.labels(), between, alikeHead.probabilities(between), 1)
                        .unknown())
                .isTrue();
    }
}
