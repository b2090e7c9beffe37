package io.zoolens.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedFoldsTests {

    @Test
    void everyPictureIsTestedOnceAndEachFoldHoldsItsShareOfEveryClass() {
        int[] classes = new int[100];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = i < 50 ? 0 : i < 80 ? 1 : 2; // 50, 30, 20
        }

        List<int[]> folds = StratifiedFolds.split(classes, 5, 7);

        assertThat(folds).hasSize(5);
        int[] all = folds.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 100).toArray());
        for (int[] fold : folds) {
            int[] counts = new int[3];
            for (int i : fold) {
                counts[classes[i]]++;
            }
            assertThat(counts).containsExactly(10, 6, 4);
        }
    }

    @Test
    void foldsDependOnTheSeedOnly() {
        int[] classes = IntStream.range(0, 90).map(i -> i % 3).toArray();

        assertThat(StratifiedFolds.split(classes, 5, 1))
                .usingRecursiveComparison()
                .isEqualTo(StratifiedFolds.split(classes, 5, 1));
        assertThat(StratifiedFolds.split(classes, 5, 1).get(0))
                .isNotEqualTo(StratifiedFolds.split(classes, 5, 2).get(0));
    }

    @Test
    void tinySetsAreSplitLeaveOneOut() {
        int[] classes = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};

        List<int[]> folds = StratifiedFolds.split(classes, 5, 1);

        assertThat(folds).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(folds.get(i)).containsExactly(i);
        }
    }

    @Test
    void theComplementIsTheTrainingSet() {
        assertThat(StratifiedFolds.complement(new int[] {1, 3}, 5)).containsExactly(0, 2, 4);
    }

    @Test
    void foldCountsOutsideTwoToSizeAreRefused() {
        assertThatThrownBy(() -> StratifiedFolds.kFold(new int[] {0, 1, 0}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StratifiedFolds.kFold(new int[] {0, 1, 0}, 4, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
