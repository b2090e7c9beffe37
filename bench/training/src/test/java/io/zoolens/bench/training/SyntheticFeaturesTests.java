package io.zoolens.bench.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.zoolens.training.head.LabelledVectors;
import org.junit.jupiter.api.Test;

class SyntheticFeaturesTests {

    @Test
    void unitVectorsOfTheAskedShapeBalancedOverTheClasses() {
        LabelledVectors data = SyntheticFeatures.generate(1000, 10, 528, SyntheticFeatures.DEFAULT_SPREAD, 14);

        assertThat(data.size()).isEqualTo(1000);
        assertThat(data.dimension()).isEqualTo(528);
        assertThat(data.labels()).hasSize(10);
        assertThat(data.counts()).containsOnly(100);
        for (float[] v : data.vectors()) {
            assertThat(length(v)).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void vectorsLieAroundTheirClassCentreCloserThanAroundAnother() {
        LabelledVectors data = SyntheticFeatures.generate(200, 10, 528, SyntheticFeatures.DEFAULT_SPREAD, 14);

        // Pictures 0 and 10 are of class 0, 1 of class 1: same class is more alike, yet not identical.
        double same = dot(data.vectors()[0], data.vectors()[10]);
        double other = dot(data.vectors()[0], data.vectors()[1]);
        assertThat(same).isBetween(0.2, 0.8);
        assertThat(same).isGreaterThan(other + 0.2);
    }

    @Test
    void theSeedFixesTheVectors() {
        LabelledVectors a = SyntheticFeatures.generate(50, 10, 16, 0.1, 7);
        LabelledVectors b = SyntheticFeatures.generate(50, 10, 16, 0.1, 7);
        LabelledVectors c = SyntheticFeatures.generate(50, 10, 16, 0.1, 8);

        assertThat(a.vectors()).isDeepEqualTo(b.vectors());
        assertThat(a.vectors()[0]).isNotEqualTo(c.vectors()[0]);
        assertThatThrownBy(() -> SyntheticFeatures.generate(5, 10, 16, 0.1, 7))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resampledVectorsKeepTheRealCentroidsAndSpreadWithoutRepeatingARealVector() {
        LabelledVectors real = SyntheticFeatures.generate(200, 10, 64, 0.15, 5);

        LabelledVectors resampled = SyntheticFeatures.resample(real, 1000, 8, 14);

        assertThat(resampled.size()).isEqualTo(1000);
        assertThat(resampled.labels()).isEqualTo(real.labels());
        assertThat(resampled.counts()).containsOnly(100);
        for (float[] v : resampled.vectors()) {
            assertThat(length(v)).isCloseTo(1.0, within(1e-5));
        }
        // Each class as alike within and as far from the others as the real vectors are.
        assertThat(meanCosineToOwnCentroid(resampled)).isCloseTo(meanCosineToOwnCentroid(real), within(0.03));
        for (float[] r : real.vectors()) {
            assertThat(dot(r, resampled.vectors()[0])).isLessThan(0.9999);
        }
        assertThat(SyntheticFeatures.resample(real, 50, 8, 14).vectors())
                .isDeepEqualTo(SyntheticFeatures.resample(real, 50, 8, 14).vectors());
    }

    private static double meanCosineToOwnCentroid(LabelledVectors data) {
        int d = data.dimension();
        float[][] centroids = new float[data.labels().size()][d];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < d; j++) {
                centroids[data.classes()[i]][j] += data.vectors()[i][j];
            }
        }
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            float[] c = centroids[data.classes()[i]];
            sum += dot(data.vectors()[i], c) / length(c);
        }
        return sum / data.size();
    }

    private static double length(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
