package io.zoolens.classifier.training;

import io.zoolens.training.job.TrainingLimits;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Custom-model training in the classifier ({@code zoolens.training.*}).
 *
 * @param featureCacheDir where feature vectors are kept per owner and backbone; null: {@code <models dir>/../feature-cache}
 * @param threads feature extractions and trainings that run at once (they queue behind each other beyond that)
 * @param intraOpThreads TensorFlow threads one feature extraction uses, so classification keeps the other cores
 * @param queueCapacity feature and training requests that may wait for a thread; more get 503 {@code training-busy}
 * @param batchSize pictures per backbone run (a features request takes at most this many parts)
 * @param seed cross-validation folds are shuffled with it, so a training is reproducible
 * @param leftoverAge a hidden half-written or half-deleted version folder untouched this long is a crashed
 *     process's leftover and is deleted ({@code ZOOLENS_TRAINING_LEFTOVER_AGE}); writing a version takes seconds
 */
@ConfigurationProperties("zoolens.training")
public record TrainingProperties(
        Path featureCacheDir,
        @DefaultValue("1") int threads,
        @DefaultValue("1") int intraOpThreads,
        @DefaultValue("32") int queueCapacity,
        @DefaultValue("8") int batchSize,
        @DefaultValue("1") long seed,
        @DefaultValue("10m") Duration leftoverAge,
        @DefaultValue Limits limits) {

    /** The bounds of one training (TrainingLimits); the defaults are the issue's. */
    public record Limits(
            @DefaultValue("2") int minClasses,
            @DefaultValue("5") int minPicturesPerClass,
            @DefaultValue("200") int maxClasses,
            @DefaultValue("20000") int maxPictures) {

        TrainingLimits toTrainingLimits() {
            return new TrainingLimits(minClasses, minPicturesPerClass, maxClasses, maxPictures);
        }
    }

    /** The configured cache folder, or {@code feature-cache} beside the models folder. */
    Path featureCacheDir(Path modelsDir) {
        if (featureCacheDir != null && !featureCacheDir.toString().isEmpty()) {
            return featureCacheDir;
        }
        Path parent = modelsDir.toAbsolutePath().normalize().getParent();
        return (parent == null ? modelsDir.toAbsolutePath() : parent).resolve("feature-cache");
    }
}
