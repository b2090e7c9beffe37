package io.zoolens.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.training.Clusters;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluationTests {

    @Test
    void metricsAreCountedFromTheConfusionMatrix() {
        // actual:    a a a b b c
        // predicted: a a b b a c
        Evaluation e = Evaluation.of(
                List.of("a", "b", "c"),
                List.of("p1", "p2", "p3", "p4", "p5", "p6"),
                new int[] {0, 0, 0, 1, 1, 2},
                new int[] {0, 0, 1, 1, 0, 2});

        assertThat(e.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
        assertThat(e.confusion()).isDeepEqualTo(new int[][] {{2, 1, 0}, {1, 1, 0}, {0, 0, 1}});
        Evaluation.ClassMetrics a = e.perClass().get(0);
        assertThat(a.support()).isEqualTo(3);
        assertThat(a.precision()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(a.recall()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(a.f1()).isCloseTo(2 / 3.0, within(1e-12));
        Evaluation.ClassMetrics b = e.perClass().get(1);
        assertThat(b.precision()).isCloseTo(0.5, within(1e-12));
        assertThat(b.recall()).isCloseTo(0.5, within(1e-12));
        assertThat(e.perClass().get(2).f1()).isEqualTo(1.0);
        assertThat(e.misclassified())
                .containsExactly(
                        new Evaluation.Misclassified("p3", "a", "b"), new Evaluation.Misclassified("p5", "b", "a"));
    }

    @Test
    void aClassNeverPredictedHasZeroPrecisionNotAnError() {
        Evaluation e = Evaluation.of(List.of("a", "b"), List.of("p1", "p2"), new int[] {0, 1}, new int[] {0, 0});

        assertThat(e.perClass().get(1).precision()).isZero();
        assertThat(e.perClass().get(1).f1()).isZero();
    }

    @Test
    void crossValidationPredictsEachPictureWithAHeadThatDidNotSeeIt() {
        LabelledVectors data = Clusters.around(8, new int[] {30, 30, 30}, 0.15, 8);

        CrossValidation cv = CrossValidation.run(data, new HeadTrainer(HeadTrainer.Settings.defaults()), 1);

        assertThat(cv.folds()).isEqualTo(5);
        assertThat(cv.outOfFold()).hasNumberOfRows(90);
        assertThat(cv.evaluation().accuracy()).isGreaterThan(0.95);
        assertThat(cv.evaluation().perClass())
                .extracting(Evaluation.ClassMetrics::support)
                .containsExactly(30, 30, 30);
    }

    @Test
    void crossValidationOfATinySetIsLeaveOneOut() {
        LabelledVectors data = Clusters.around(4, new int[] {5, 5}, 0.2, 9);

        CrossValidation cv = CrossValidation.run(data, new HeadTrainer(HeadTrainer.Settings.defaults()), 1);

        assertThat(cv.folds()).isEqualTo(10);
        assertThat(cv.evaluation().accuracy()).isEqualTo(1.0);
    }
}
