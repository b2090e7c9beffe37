package io.zoolens.training.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.training.Clusters;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadTrainerTests {

    private final HeadTrainer trainer = new HeadTrainer(HeadTrainer.Settings.defaults());

    @Test
    void separableClassesAreAllNamedRightWithProbabilitiesThatSumToOne() {
        LabelledVectors data = Clusters.around(8, new int[] {10, 10, 10}, 0.1, 1);

        SoftmaxHead head = trainer.train(data);

        for (int i = 0; i < data.size(); i++) {
            double[] p = head.probabilities(data.vectors()[i]);
            assertThat(SoftmaxHead.best(p)).isEqualTo(data.classes()[i]);
            assertThat(p[data.classes()[i]]).isGreaterThan(0.8);
            assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-9));
        }
        assertThat(head.labels()).containsExactly("class-0", "class-1", "class-2");
        assertThat(head.dimension()).isEqualTo(8);
    }

    @Test
    void theSameDataGiveTheSameHead() {
        LabelledVectors data = Clusters.around(6, new int[] {7, 9}, 0.4, 2);

        SoftmaxHead first = trainer.train(data);
        SoftmaxHead second = trainer.train(data);

        assertThat(second.weights()).isDeepEqualTo(first.weights());
        assertThat(second.bias()).containsExactly(first.bias());
    }

    @Test
    void moreThreadsGiveTheSameHead() {
        // Enough pictures for several blocks of samples, so the threads really share the gradient.
        LabelledVectors data = Clusters.around(12, new int[] {90, 70, 80}, 0.6, 7);

        SoftmaxHead alone = trainer.train(data);
        SoftmaxHead shared = new HeadTrainer(HeadTrainer.Settings.defaults().withThreads(3)).train(data);

        assertThat(shared.weights()).isDeepEqualTo(alone.weights());
        assertThat(shared.bias()).containsExactly(alone.bias());
    }

    @Test
    void strongerL2GivesSmallerWeightsAndLessCertainAnswers() {
        LabelledVectors data = Clusters.around(6, new int[] {10, 10}, 0.3, 3);

        SoftmaxHead weak = new HeadTrainer(new HeadTrainer.Settings(0.001, 500)).train(data);
        SoftmaxHead strong = new HeadTrainer(new HeadTrainer.Settings(1, 500)).train(data);

        assertThat(norm(strong.weights())).isLessThan(norm(weak.weights()) / 2);
        float[] x = data.vectors()[0];
        assertThat(strong.probabilities(x)[0]).isLessThan(weak.probabilities(x)[0]);
    }

    @Test
    void classWeightingPutsTheBoundaryBetweenTheClassesNotIntoTheSmallOne() {
        // One feature: class 0 around −1 (90 pictures), class 1 around +1 (10); they overlap.
        Random random = new Random(4);
        int n = 100;
        float[][] vectors = new float[n][];
        int[] classes = new int[n];
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            classes[i] = i < 90 ? 0 : 1;
            vectors[i] = new float[] {(float) ((classes[i] == 0 ? -1 : 1) + 0.8 * random.nextGaussian())};
            ids.add("p" + i);
        }
        LabelledVectors data = new LabelledVectors(List.of("many", "few"), ids, classes, vectors);

        SoftmaxHead head = trainer.train(data);

        // The class means, as drawn, and the point halfway: balanced weights make it a near coin toss there.
        double[] means = new double[2];
        for (int i = 0; i < n; i++) {
            means[classes[i]] += vectors[i][0] / (classes[i] == 0 ? 90.0 : 10.0);
        }
        double[] halfway = head.probabilities(new float[] {(float) ((means[0] + means[1]) / 2)});
        assertThat(halfway[1]).isBetween(0.3, 0.7);
    }

    @Test
    void theGradientIsTheObjectivesDerivative() {
        LabelledVectors data = Clusters.around(4, new int[] {3, 4, 2}, 0.5, 5);
        double[][] x = new double[data.size()][];
        double[] weights = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            x[i] = new double[data.dimension()];
            for (int j = 0; j < data.dimension(); j++) {
                x[i][j] = data.vectors()[i][j];
            }
            weights[i] = 1 + i % 3;
        }
        SoftmaxRegression regression = new SoftmaxRegression(x, data.classes(), weights, 3, 0.1);
        double[] theta = new double[3 * 5];
        Random random = new Random(6);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        double[] gradient = new double[theta.length];
        regression.valueAndGradient(theta, gradient);
        double[] scratch = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double h = 1e-6;
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (regression.valueAndGradient(plus, scratch) - regression.valueAndGradient(minus, scratch))
                    / (2 * h);
            assertThat(gradient[i]).as("∂/∂θ%d", i).isCloseTo(numeric, within(1e-6));
        }
    }

    private static double norm(float[][] w) {
        double sum = 0;
        for (float[] row : w) {
            for (float v : row) {
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }
}
