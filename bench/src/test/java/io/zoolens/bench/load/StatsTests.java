package io.zoolens.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTests {

    @Test
    void theMedianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void runsWithoutAValueDoNotCountTowardsTheMedian() {
        assertThat(Stats.median(List.of(Double.NaN, 7.0, 3.0, Double.NaN))).isEqualTo(5.0);
        assertThat(Stats.median(List.of(Double.NaN))).isNaN();
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void nearestRankPercentiles() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 100 - i;
        }
        assertThat(Stats.percentile(values, 50)).isEqualTo(50.0);
        assertThat(Stats.percentile(values, 99)).isEqualTo(99.0);
        assertThat(Stats.percentile(values, 100)).isEqualTo(100.0);
        assertThat(Stats.percentile(values, 0)).isEqualTo(1.0);
        assertThat(Stats.percentile(new double[] {3.0}, 95)).isEqualTo(3.0);
        assertThat(Stats.percentile(new double[0], 50)).isNaN();
    }

    @Test
    void theSlopeOfALineIsItsGradient() {
        assertThat(Stats.slope(new double[] {0, 1, 2, 3}, new double[] {10, 12, 14, 16}))
                .isCloseTo(2.0, within(1e-12));
        assertThat(Stats.slope(new double[] {0, 1, 2, 3}, new double[] {5, 5, 5, 5}))
                .isCloseTo(0.0, within(1e-12));
        assertThat(Stats.slope(new double[] {1}, new double[] {1})).isNaN();
    }

    @Test
    void minAndMaxIgnoreMissingValues() {
        assertThat(Stats.min(List.of(3.0, Double.NaN, 1.0))).isEqualTo(1.0);
        assertThat(Stats.max(List.of(3.0, Double.NaN, 1.0))).isEqualTo(3.0);
    }
}
