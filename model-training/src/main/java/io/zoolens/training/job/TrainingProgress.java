package io.zoolens.training.job;

/** Told how far a training has come: the stage and its done/total steps. */
@FunctionalInterface
public interface TrainingProgress {

    enum Stage {
        /** Pictures through the backbone (cached ones count at once). */
        FEATURES,
        /** Cross-validation folds trained and scored. */
        CROSS_VALIDATION,
        /** The final head and the reject rule. */
        HEAD
    }

    void update(Stage stage, int done, int total);

    TrainingProgress NONE = (stage, done, total) -> {};
}
