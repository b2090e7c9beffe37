package io.zoolens.classifier.training;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.zoolens.classifier.catalog.ModelProperties;
import io.zoolens.classifier.training.TrainingRequests.Metrics;
import io.zoolens.classifier.training.TrainingRequests.Reject;
import io.zoolens.classifier.training.TrainingRequests.TrainResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the version a job already made, from what the versions' {@code zoolens-model.json} record
 * ({@code training.jobId}), and answers it as the training did: a repeated request of one job (its caller died
 * before reading the answer, and another took the job over) gets that version instead of a new one.
 */
@Component
class RecordedVersions {

    private static final Logger log = LoggerFactory.getLogger(RecordedVersions.class);
    private static final String METADATA_FILE = "zoolens-model.json";

    private final Path modelsDir;
    private final JsonMapper json = JsonMapper.builder().build();

    RecordedVersions(ModelProperties models) {
        this.modelsDir = models.dir();
    }

    /** The answer for the version of {@code model} that {@code jobId} made, if one is on disk. */
    Optional<TrainResponse> madeBy(String model, String jobId) throws IOException {
        Path modelDir = modelsDir.resolve(model);
        if (!Files.isDirectory(modelDir)) {
            return Optional.empty();
        }
        List<Path> versions;
        try (Stream<Path> children = Files.list(modelDir)) {
            versions = children.filter(path -> path.getFileName().toString().matches("\\d{1,18}"))
                    .filter(path -> Files.isRegularFile(path.resolve(METADATA_FILE)))
                    .toList();
        }
        for (Path version : versions) {
            Recorded recorded;
            try {
                recorded = json.readValue(version.resolve(METADATA_FILE).toFile(), Recorded.class);
            } catch (JacksonException e) {
                log.warn("unreadable {} in {}: {}", METADATA_FILE, version, e.getOriginalMessage());
                continue;
            }
            if (recorded.training() != null && jobId.equals(recorded.training().jobId())) {
                return Optional.of(recorded.answer(model, version.getFileName().toString()));
            }
        }
        return Optional.empty();
    }

    /** The job that wrote the version in {@code versionDir} ({@code training.jobId}); empty when none is recorded. */
    Optional<String> jobOf(Path versionDir) throws IOException {
        Path metadata = versionDir.resolve(METADATA_FILE);
        if (!Files.isRegularFile(metadata)) {
            return Optional.empty();
        }
        try {
            Recorded recorded = json.readValue(metadata.toFile(), Recorded.class);
            return Optional.ofNullable(recorded.training()).map(RecordedTraining::jobId);
        } catch (JacksonException e) {
            log.warn("unreadable {} in {}: {}", METADATA_FILE, versionDir, e.getOriginalMessage());
            return Optional.empty();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Recorded(RecordedBackbone backbone, RecordedTraining training, Metrics metrics, Reject reject) {

        TrainResponse answer(String model, String version) {
            return new TrainResponse(
                    model,
                    version,
                    backbone == null ? null : new BackboneRef(backbone.name(), backbone.version()),
                    metrics,
                    reject,
                    training.counts(),
                    training.pictures(),
                    training.trainingMillis() == null ? 0 : training.trainingMillis());
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordedBackbone(String name, String version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RecordedTraining(Map<String, Integer> counts, int pictures, String jobId, Long trainingMillis) {}
}
