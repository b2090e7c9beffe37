package io.zoolens.classifier.training;

/** The training queue is full: feature extractions and trainings wait for one thread (503, Retry-After). */
public class TrainingBusyException extends RuntimeException {

    TrainingBusyException() {
        super("Feature extraction and training are busy; try again shortly");
    }
}
