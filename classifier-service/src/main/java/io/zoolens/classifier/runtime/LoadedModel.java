package io.zoolens.classifier.runtime;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.zoolens.image.DecodeTarget;
import io.zoolens.model.ModelInput;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.Preprocessor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One model version in memory with its inference queue (dynamic batching over a pool of predictors).
 * When a newer copy replaces it, it is retired: requests already inside finish on it, and it is
 * closed once the last one leaves.
 */
public final class LoadedModel {

    private final ModelMetadata metadata;
    private final List<String> labels;
    private final Path directory;
    private final Instant loadedAt = Instant.now();
    private final Preprocessor preprocessor;
    private final DecodeTarget decodeTarget;
    private final InferenceQueue queue;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean retired;
    private volatile boolean closed;

    /**
     * @param maxBatch the batch this version runs: the configured maximum, or 1 when its graph takes one image
     */
    LoadedModel(
            ModelMetadata metadata,
            List<String> labels,
            Path directory,
            ZooModel<ModelBatch, ModelBatch.Predictions> model,
            InferenceProperties.Settings settings,
            int maxBatch,
            Consumer<Integer> batchSizes) {
        this.metadata = metadata;
        this.labels = List.copyOf(labels);
        this.directory = directory;
        this.preprocessor = new Preprocessor(metadata.input());
        this.decodeTarget = decodeTarget(metadata.input());
        this.queue = new InferenceQueue(
                "inference-" + metadata.name() + "-" + metadata.version(),
                metadata.name(),
                settings,
                maxBatch,
                () -> runner(model.newPredictor()),
                batchSizes,
                () -> {
                    model.close();
                    closed = true;
                });
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

    /** How large the preprocessor draws a photo: the decoder may then decode a large JPEG at 1/2, 1/4 or 1/8. */
    public DecodeTarget decodeTarget() {
        return decodeTarget;
    }

    private static DecodeTarget decodeTarget(ModelMetadata.Input input) {
        // Letterbox fits the whole photo inside the input; crop and stretch fill it on both axes.
        return input.resize() == ModelMetadata.Resize.LETTERBOX
                ? DecodeTarget.fit(input.width(), input.height())
                : DecodeTarget.cover(input.width(), input.height());
    }

    /**
     * Runs one image through the model, batched with others that wait at the same time.
     *
     * @throws ModelRetiredException when this version was replaced before the request got in: resolve again
     * @throws ModelOverloadedException when the queue is full
     * @throws ModelBusyException when the answer did not come within {@code timeout}
     */
    public Prediction predict(ModelInput input, Duration timeout) throws TranslateException {
        inFlight.incrementAndGet();
        Future<Prediction> answer = null;
        try {
            if (retired) {
                throw new ModelRetiredException();
            }
            answer = queue.submit(input);
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new ModelBusyException(name(), timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelBusyException(name(), timeout);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TranslateException translate) {
                throw translate;
            }
            throw new TranslateException(e.getCause());
        } finally {
            if (inFlight.decrementAndGet() == 0 && retired) {
                queue.close();
            }
        }
    }

    /** Stops taking requests and frees native memory once the ones inside are done. */
    public void retire() {
        retired = true;
        if (inFlight.get() == 0) {
            queue.close();
        }
    }

    /** Whether the native model is freed (the workers have stopped). */
    public boolean isClosed() {
        return closed;
    }

    private static InferenceQueue.Runner runner(Predictor<ModelBatch, ModelBatch.Predictions> predictor) {
        return new InferenceQueue.Runner() {
            @Override
            public List<Prediction> run(List<ModelInput> inputs) throws TranslateException {
                return predictor.predict(new ModelBatch(inputs)).answers();
            }

            @Override
            public void close() {
                predictor.close();
            }
        };
    }

    /** Thrown inside {@link #predict} when the version was retired between lookup and use. */
    public static final class ModelRetiredException extends RuntimeException {
        ModelRetiredException() {
            super("model version retired", null, false, false);
        }
    }
}
