package io.zoolens.classifier.training;

import ai.djl.tensorflow.engine.javacpp.JavacppUtils;
import io.zoolens.classifier.catalog.ModelRegistry;
import io.zoolens.classifier.runtime.LoadedModel;
import io.zoolens.model.ModelMetadata;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureExtractor;
import jakarta.annotation.PreDestroy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backbones training uses, one per served model version: its graph (read once, for composing trained
 * versions) and, opened on first use, a features-only TensorFlow session with few threads, so feature
 * extraction leaves cores to classification. Closed when its version is retired from the registry, or at shutdown.
 */
@Component
class BackboneFeatures {

    private static final Logger log = LoggerFactory.getLogger(BackboneFeatures.class);

    private final ModelRegistry registry;
    private final JsonMapper json;
    private final TrainingProperties properties;
    /** Keyed by the loaded model itself: a replaced copy of a version is a new backbone. */
    private final Map<LoadedModel, Entry> entries = new ConcurrentHashMap<>();

    BackboneFeatures(ModelRegistry registry, JsonMapper json, TrainingProperties properties) {
        this.registry = registry;
        this.json = json;
        this.properties = properties;
    }

    /** The named model's version (its newest when null) as a backbone; 404 problems when unknown. */
    Entry resolve(String name, String version) {
        LoadedModel model = registry.resolve(name, version);
        ModelMetadata.Outputs outputs = model.metadata().outputs();
        if (outputs == null || outputs.embedding() == null) {
            throw new NotABackboneException(model.name(), model.version());
        }
        closeRetired();
        return entries.computeIfAbsent(model, Entry::new);
    }

    /** Closes the sessions of versions the registry no longer serves. */
    @Scheduled(fixedDelayString = "${zoolens.models.scan-interval:5s}")
    void closeRetired() {
        entries.keySet().removeIf(model -> {
            if (!model.isClosed()) {
                return false;
            }
            entries.get(model).close();
            return true;
        });
    }

    @PreDestroy
    void closeAll() {
        entries.values().forEach(Entry::close);
        entries.clear();
    }

    /** DJL's session settings with TensorFlow's thread pools limited (0 keeps TensorFlow's choice). */
    private String sessionConfig() {
        var config = JavacppUtils.getSessionConfig().toBuilder();
        if (properties.intraOpThreads() > 0) {
            config.setIntraOpParallelismThreads(properties.intraOpThreads());
            config.setInterOpParallelismThreads(1);
            config.setUsePerSessionThreads(true);
        }
        return Base64.getEncoder().encodeToString(config.build().toByteArray());
    }

    /** The version was retired between resolving and running it: resolve it again. */
    static final class RetiredException extends RuntimeException {
        RetiredException() {
            super("backbone version retired", null, false, false);
        }
    }

    /** One backbone version: its graph, and its feature session once something asked for features. */
    final class Entry {

        private final LoadedModel model;
        private Backbone backbone;
        private FeatureExtractor extractor;
        private Path workDir;
        private boolean closed;

        private Entry(LoadedModel model) {
            this.model = model;
        }

        String name() {
            return model.name();
        }

        String version() {
            return model.version();
        }

        synchronized Backbone backbone() {
            if (backbone == null) {
                try {
                    backbone = Backbone.open(model.directory(), json);
                } catch (IllegalArgumentException e) {
                    throw new NotABackboneException(model.name(), model.version());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return backbone;
        }

        /** One feature vector per image, in one backbone run (FeatureExtractor is for one caller at a time). */
        synchronized float[][] extract(List<BufferedImage> images) throws IOException {
            if (closed) {
                throw new RetiredException();
            }
            if (extractor == null) {
                workDir = Files.createTempDirectory("zoolens-features-" + model.name() + "-" + model.version() + "-");
                extractor = FeatureExtractor.open(
                        backbone(), workDir, properties.batchSize(), Map.of("ConfigProto", sessionConfig()));
                log.info(
                        "Opened the feature session of backbone {} version {} ({} TensorFlow threads)",
                        model.name(),
                        model.version(),
                        properties.intraOpThreads() > 0 ? properties.intraOpThreads() : "default");
            }
            return extractor.extract(images);
        }

        synchronized void close() {
            closed = true;
            backbone = null;
            if (extractor != null) {
                extractor.close();
                extractor = null;
                log.info("Closed the feature session of backbone {} version {}", model.name(), model.version());
            }
            if (workDir != null) {
                try (Stream<Path> paths = Files.walk(workDir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                } catch (IOException e) {
                    log.warn("Cannot delete {}: {}", workDir, e.toString());
                }
                workDir = null;
            }
        }
    }
}
