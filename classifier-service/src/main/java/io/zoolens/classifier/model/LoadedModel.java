package io.zoolens.classifier.model;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model version in memory with its pool of predictors (DJL predictors are not thread-safe).
 * When a newer copy replaces it, it is retired: requests already inside finish on it, and it is
 * closed once the last one leaves.
 */
public final class LoadedModel {

    private final ModelMetadata metadata;
    private final List<String> labels;
    private final Path directory;
    private final Instant loadedAt = Instant.now();
    private final Preprocessor preprocessor;
    private final ZooModel<ModelInput, Prediction> model;
    private final BlockingQueue<Predictor<ModelInput, Prediction>> idle;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean retired;

    LoadedModel(
            ModelMetadata metadata,
            List<String> labels,
            Path directory,
            ZooModel<ModelInput, Prediction> model,
            int predictors) {
        this.metadata = metadata;
        this.labels = List.copyOf(labels);
        this.directory = directory;
        this.model = model;
        this.preprocessor = new Preprocessor(metadata.input());
        this.idle = new ArrayBlockingQueue<>(predictors);
        for (int i = 0; i < predictors; i++) {
            idle.add(model.newPredictor());
        }
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public String name() {
        return metadata.name();
    }

    public String version() {
        return metadata.version();
    }

    public List<String> labels() {
        return labels;
    }

    public Path directory() {
        return directory;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    public Preprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * Runs one inference on a free predictor.
     *
     * @throws ModelRetiredException when this version was replaced before the request got in: resolve again
     * @throws ModelBusyException when no predictor became free within {@code timeout}
     */
    public Prediction predict(ModelInput input, Duration timeout) throws TranslateException {
        inFlight.incrementAndGet();
        try {
            if (retired) {
                throw new ModelRetiredException();
            }
            Predictor<ModelInput, Prediction> predictor = idle.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (predictor == null) {
                throw new ModelBusyException(name(), timeout);
            }
            try {
                return predictor.predict(input);
            } finally {
                idle.add(predictor);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelBusyException(name(), timeout);
        } finally {
            if (inFlight.decrementAndGet() == 0 && retired) {
                close();
            }
        }
    }

    /** Stops taking requests and frees native memory once the ones inside are done. */
    void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            close();
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            idle.forEach(Predictor::close);
            model.close();
        }
    }

    /** Thrown inside {@link #predict} when the version was retired between lookup and use. */
    public static final class ModelRetiredException extends RuntimeException {
        ModelRetiredException() {
            super("model version retired", null, false, false);
        }
    }
}
