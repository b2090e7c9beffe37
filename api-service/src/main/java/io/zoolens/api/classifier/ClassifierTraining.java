package io.zoolens.api.classifier;

import io.zoolens.api.classifier.TrainingApi.FeaturesAnswer;
import io.zoolens.api.classifier.TrainingApi.MissingAnswer;
import io.zoolens.api.classifier.TrainingApi.MissingRequest;
import io.zoolens.api.classifier.TrainingApi.TrainAnswer;
import io.zoolens.api.classifier.TrainingApi.TrainClass;
import io.zoolens.api.classifier.TrainingApi.TrainPicture;
import io.zoolens.api.classifier.TrainingApi.TrainRequest;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The classifier's training endpoints (features cache, trainings, removing custom folders and an owner's
 * features), through the same retry as {@link ClassifierClient} but not its circuit breaker (see
 * {@link ClassifierClient#callWithoutBreaker}). Wire records are mapped here,
 * once. Failures: {@link ClassifierRejectedException} (final) or {@link ClassifierUnavailableException}.
 */
@Component
public class ClassifierTraining {

    private final ClassifierClient calls;
    private final RestClient rest;

    ClassifierTraining(ClassifierClient calls, RestClient classifierTrainingRestClient) {
        this.calls = calls;
        this.rest = classifierTrainingRestClient;
    }

    /** Which of {@code sha256s} the classifier has no cached feature vector for (owner, backbone's newest version). */
    public List<String> missingFeatures(String owner, String backbone, List<String> sha256s) {
        MissingAnswer answer = calls.callWithoutBreaker(
                "features missing",
                () -> rest.post()
                        .uri("/v1/features/{owner}:missing", owner)
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(new MissingRequest(backbone, null, sha256s))
                        .retrieve()
                        .body(MissingAnswer.class));
        if (answer == null || answer.missing() == null) {
            throw new ClassifierUnavailableException("the classifier answered without a missing list", false, null);
        }
        return answer.missing();
    }

    /** Has the classifier compute and cache the features of up to 8 pictures; answers how many it cached. */
    public int addFeatures(String owner, String backbone, List<byte[]> images) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        int index = 0;
        for (byte[] image : images) {
            String filename = "picture-" + index++;
            parts.part("image", new ByteArrayResource(image) {
                        @Override
                        public String getFilename() {
                            return filename;
                        }
                    })
                    .contentType(MediaType.APPLICATION_OCTET_STREAM);
        }
        FeaturesAnswer answer = calls.callWithoutBreaker(
                "features",
                () -> rest.post()
                        .uri(uri -> uri.path("/v1/features/{owner}")
                                .queryParam("backbone", backbone)
                                .build(owner))
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .body(parts.build())
                        .retrieve()
                        .body(FeaturesAnswer.class));
        return answer == null || answer.pictures() == null
                ? 0
                : answer.pictures().size();
    }

    /**
     * Trains from cached features and writes the next version of {@code order.model()}; for a {@code jobId} that
     * made a version already, the classifier answers that version instead (a job taken over after its replica died
     * during this call).
     */
    public TrainedVersion train(TrainingOrder order, String jobId) {
        TrainRequest request = new TrainRequest(
                jobId,
                order.owner(),
                order.model(),
                order.description(),
                order.backbone(),
                null,
                order.classes().stream()
                        .map(c -> new TrainClass(
                                c.label(),
                                c.pictures().stream()
                                        .map(p -> new TrainPicture(p.id(), p.sha256()))
                                        .toList()))
                        .toList());
        TrainAnswer answer = calls.callWithoutBreaker(
                "training",
                () -> rest.post()
                        .uri("/v1/trainings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(request)
                        .retrieve()
                        .body(TrainAnswer.class));
        if (answer == null || answer.version() == null) {
            throw new ClassifierUnavailableException("the classifier answered without a version", false, null);
        }
        return trained(answer);
    }

    /** Removes a custom model's folder with every version (idempotent). */
    public void deleteModel(String model) {
        calls.callWithoutBreaker(
                "delete model",
                () -> rest.delete().uri("/v1/models/{name}", model).retrieve().toBodilessEntity());
    }

    /**
     * Removes one version (idempotent), only if the training job {@code jobId} wrote it: a version of that number
     * written by another job since is refused with {@code version-replaced} (a {@link ClassifierRejectedException}).
     */
    public void deleteVersion(String model, String version, String jobId) {
        calls.callWithoutBreaker(
                "delete version",
                () -> rest.delete()
                        .uri("/v1/models/{name}/versions/{version}?jobId={jobId}", model, version, jobId)
                        .retrieve()
                        .toBodilessEntity());
    }

    /** Removes an owner's cached feature vectors (account deletion; idempotent). */
    public void deleteFeatures(String owner) {
        calls.callWithoutBreaker(
                "delete features",
                () -> rest.delete()
                        .uri("/v1/features/{owner}", owner)
                        .retrieve()
                        .toBodilessEntity());
    }

    static TrainedVersion trained(TrainAnswer answer) {
        TrainingApi.Metrics metrics = answer.metrics();
        return new TrainedVersion(
                answer.version(),
                answer.backbone() == null ? null : answer.backbone().name(),
                answer.backbone() == null ? null : answer.backbone().version(),
                metrics == null ? null : metrics.accuracy(),
                metrics == null ? null : metrics.method(),
                metrics == null ? null : metrics.folds(),
                metrics == null || metrics.perClass() == null
                        ? List.of()
                        : metrics.perClass().stream()
                                .map(c -> new TrainedVersion.ClassFigures(
                                        c.label(), c.support(), c.precision(), c.recall(), c.f1()))
                                .toList(),
                metrics == null || metrics.confusionLabels() == null ? List.of() : metrics.confusionLabels(),
                metrics == null || metrics.confusion() == null ? List.of() : metrics.confusion(),
                metrics == null || metrics.misclassified() == null
                        ? List.of()
                        : metrics.misclassified().stream()
                                .map(m -> new TrainedVersion.Misclassified(m.id(), m.actual(), m.predicted()))
                                .toList(),
                answer.counts() == null ? Map.of() : Map.copyOf(answer.counts()),
                answer.pictures() == null ? 0 : answer.pictures(),
                answer.trainingMillis() == null ? 0 : answer.trainingMillis());
    }
}
