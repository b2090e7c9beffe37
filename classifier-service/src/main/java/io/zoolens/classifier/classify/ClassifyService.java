package io.zoolens.classifier.classify;

import ai.djl.translate.TranslateException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zoolens.classifier.catalog.ModelProperties;
import io.zoolens.classifier.catalog.ModelRegistry;
import io.zoolens.classifier.runtime.LoadedModel;
import io.zoolens.classifier.runtime.Prediction;
import io.zoolens.image.DecodedImage;
import io.zoolens.image.ImageDecoder;
import io.zoolens.model.ModelMetadata;
import org.springframework.stereotype.Service;

/**
 * Decode → preprocess → infer, timing each stage. Decodes at the scale the model needs (a 12 MP JPEG at 1/4 for a
 * 512-pixel input); the answer's image size and boxes stay in the original's pixels.
 */
@Service
public class ClassifyService {

    static final int DEFAULT_TOP_K = 5;
    private static final int RESOLVE_ATTEMPTS = 3;

    private final ModelRegistry registry;
    private final ImageDecoder decoder;
    private final ModelProperties properties;
    private final MeterRegistry meters;

    ClassifyService(ModelRegistry registry, ImageDecoder decoder, ModelProperties properties, MeterRegistry meters) {
        this.registry = registry;
        this.decoder = decoder;
        this.properties = properties;
        this.meters = meters;
    }

    public ClassifyResponse classify(String modelName, String version, byte[] bytes, Integer topK, Float minScore) {
        long started = System.nanoTime();
        LoadedModel model = registry.resolve(modelName, version);
        DecodedImage image = decoder.decode(bytes, model.decodeTarget());
        long decoded = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return infer(model, image, topK, minScore, started, decoded);
            } catch (LoadedModel.ModelRetiredException e) {
                if (attempt == RESOLVE_ATTEMPTS) {
                    throw e;
                }
                // A newer copy replaced this version while we were decoding: use the new one.
                model = registry.resolve(modelName, version);
            }
        }
    }

    private ClassifyResponse infer(
            LoadedModel model, DecodedImage image, Integer topK, Float minScore, long started, long decoded) {
        ModelMetadata.Postprocess defaults = model.metadata().postprocess();
        int k = topK != null
                ? topK
                : defaults != null && defaults.defaultTopK() != null ? defaults.defaultTopK() : DEFAULT_TOP_K;
        float min = minScore != null
                ? minScore
                : defaults != null && defaults.defaultMinScore() != null ? defaults.defaultMinScore() : 0f;
        long preprocessStart = System.nanoTime();
        var input = model.preprocessor()
                .prepare(image.rgb(), image.info().width(), image.info().height(), k, min);
        long inferenceStart = System.nanoTime();
        Prediction prediction;
        try {
            prediction = model.predict(input, properties.acquireTimeout());
        } catch (TranslateException e) {
            throw new InferenceFailedException(model.name(), e);
        }
        long finished = System.nanoTime();
        Timer.builder("zoolens.inference")
                .description("Time in the model, per model version (tensor in, answer out)")
                .tag("model", model.name())
                .tag("version", model.version())
                .publishPercentileHistogram()
                .register(meters)
                .record(finished - inferenceStart, java.util.concurrent.TimeUnit.NANOSECONDS);
        Prediction.Verdict verdict = prediction.verdict();
        return new ClassifyResponse(
                new ClassifyResponse.ModelRef(
                        model.name(), model.version(), model.metadata().task().jsonName()),
                new ClassifyResponse.ImageRef(
                        image.info().format().mediaType(),
                        image.info().width(),
                        image.info().height()),
                verdict == null ? null : verdict.unknown(),
                prediction.labels(),
                prediction.objects(),
                prediction.embedding(),
                verdict == null ? null : ClassifyResponse.Reject.of(verdict),
                ClassifyResponse.Timings.ofNanos(
                        decoded - started,
                        inferenceStart - preprocessStart,
                        finished - inferenceStart,
                        finished - started));
    }
}
