package io.zoolens.training.job;

/** Bounds on what one training may take; the defaults are the issue's. */
public record TrainingLimits(int minClasses, int minPicturesPerClass, int maxClasses, int maxPictures) {

    public static TrainingLimits defaults() {
        return new TrainingLimits(2, 5, 200, 20_000);
    }
}
