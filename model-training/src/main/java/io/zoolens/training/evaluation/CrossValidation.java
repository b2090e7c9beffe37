package io.zoolens.training.evaluation;

import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import java.util.List;

/**
 * Estimates a head's accuracy on new pictures: trains on all folds but one, predicts the one left out,
 * for every fold ({@link StratifiedFolds}). The out-of-fold probabilities also calibrate the reject rule.
 *
 * @param outOfFold each picture's class probabilities from the head that did not see it
 */
public record CrossValidation(Evaluation evaluation, double[][] outOfFold, int folds) {

    /** Told after each fold. */
    @FunctionalInterface
    public interface FoldProgress {
        void foldDone(int done, int total);
    }

    public static CrossValidation run(LabelledVectors data, HeadTrainer trainer, long seed) {
        return run(data, trainer, seed, (done, total) -> {});
    }

    public static CrossValidation run(LabelledVectors data, HeadTrainer trainer, long seed, FoldProgress progress) {
        List<int[]> folds = StratifiedFolds.split(data.classes(), StratifiedFolds.DEFAULT_FOLDS, seed);
        int done = 0;
        double[][] probabilities = new double[data.size()][];
        int[] predicted = new int[data.size()];
        for (int[] test : folds) {
            SoftmaxHead head = trainer.train(data.subset(StratifiedFolds.complement(test, data.size())));
            for (int i : test) {
                probabilities[i] = head.probabilities(data.vectors()[i]);
                predicted[i] = SoftmaxHead.best(probabilities[i]);
            }
            progress.foldDone(++done, folds.size());
        }
        Evaluation evaluation = Evaluation.of(data.labels(), data.ids(), data.classes(), predicted);
        return new CrossValidation(evaluation, probabilities, folds.size());
    }
}
