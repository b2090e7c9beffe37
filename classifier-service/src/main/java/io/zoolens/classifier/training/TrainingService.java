package io.zoolens.classifier.training;

import io.zoolens.classifier.catalog.ModelFolderScanner;
import io.zoolens.classifier.catalog.ModelProperties;
import io.zoolens.classifier.catalog.ModelRegistry;
import io.zoolens.classifier.training.TrainingRequests.ClassBody;
import io.zoolens.classifier.training.TrainingRequests.Metrics;
import io.zoolens.classifier.training.TrainingRequests.PictureBody;
import io.zoolens.classifier.training.TrainingRequests.Reject;
import io.zoolens.classifier.training.TrainingRequests.TrainRequest;
import io.zoolens.classifier.training.TrainingRequests.TrainResponse;
import io.zoolens.training.compose.ComposedModelWriter;
import io.zoolens.training.compose.TrainedVersion;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.features.Features;
import io.zoolens.training.job.CustomModelTrainer;
import io.zoolens.training.job.TrainingProgress;
import io.zoolens.training.job.TrainingRequest;
import io.zoolens.training.job.TrainingRequest.TrainingClass;
import io.zoolens.training.job.TrainingRequest.TrainingPicture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Trains a custom model version from cached features only (the api-service sent the pictures before), writes
 * it as the model's next version and has the registry load it before answering.
 */
@Service
class TrainingService {

    private final CustomModelNames names;
    private final BackboneFeatures backbones;
    private final FeatureCache cache;
    private final CustomModelTrainer trainer;
    private final ComposedModelWriter writer;
    private final TrainingExecutor executor;
    private final ModelFolderScanner scanner;
    private final ModelRegistry registry;
    private final RecordedVersions recorded;
    private final Path modelsDir;

    TrainingService(
            CustomModelNames names,
            BackboneFeatures backbones,
            FeatureCache cache,
            CustomModelTrainer trainer,
            ComposedModelWriter writer,
            TrainingExecutor executor,
            ModelFolderScanner scanner,
            ModelRegistry registry,
            RecordedVersions recorded,
            ModelProperties models) {
        this.names = names;
        this.backbones = backbones;
        this.cache = cache;
        this.trainer = trainer;
        this.writer = writer;
        this.executor = executor;
        this.scanner = scanner;
        this.registry = registry;
        this.recorded = recorded;
        this.modelsDir = models.dir();
    }

    /** The answer, and whether the version was written now (false: the job's version existed already). */
    record Outcome(TrainResponse response, boolean created) {}

    Outcome train(TrainRequest body) throws IOException {
        long started = System.nanoTime();
        String owner = names.owner(body.owner());
        String model = names.customModel(body.model(), owner);
        String jobId = body.jobId() == null ? null : names.jobId(body.jobId());
        names.backbone(body.backbone());
        if (body.backboneVersion() != null) {
            names.version(body.backboneVersion());
        }
        List<TrainingClass> classes = classes(body.classes());
        if (jobId != null) {
            Optional<TrainResponse> made = recorded.madeBy(model, jobId);
            if (made.isPresent()) {
                return new Outcome(made.get(), false);
            }
        }
        if (!Files.isWritable(modelsDir)) {
            throw new ModelsFolderReadOnlyException("models folder");
        }
        BackboneFeatures.Entry entry = backbones.resolve(body.backbone(), body.backboneVersion());
        Backbone backbone = entry.backbone();
        String description = body.description() == null || body.description().isBlank()
                ? "Custom model " + model
                : body.description().strip();
        TrainingRequest request = new TrainingRequest(owner, description, backbone, classes);
        List<String> missing = missing(owner, backbone, classes);
        // Trains on cached vectors only: the trainer checks the classes first (422), then asks for any picture not
        // cached (409 with all of them). It never runs the backbone here.
        Features none = images -> {
            throw new FeaturesMissingException(missing);
        };
        TrainedVersion trained = executor.run(() -> trainer.train(
                request,
                none,
                picture -> {
                    throw new FeaturesMissingException(missing);
                },
                TrainingProgress.NONE,
                () -> false));
        long millis = (System.nanoTime() - started) / 1_000_000;
        Optional<String> written = write(model, trained, new ComposedModelWriter.Run(jobId, millis));
        if (written.isEmpty()) {
            // The same job's other request wrote its version while this one trained: answer that one.
            return new Outcome(recorded.madeBy(model, jobId).orElseThrow(), false);
        }
        String version = written.get();
        scanner.rescan();
        boolean loaded = registry.all().getOrDefault(model, List.of()).stream()
                .anyMatch(served -> served.version().equals(version));
        if (!loaded) {
            throw new IllegalStateException("the trained version " + model + "/" + version + " did not load: "
                    + scanner.failure(model, version).orElse("unknown reason"));
        }
        return new Outcome(response(model, version, entry, trained, millis), true);
    }

    private static List<TrainingClass> classes(List<ClassBody> bodies) {
        if (bodies == null) {
            throw new InvalidNameException("classes", "must be given");
        }
        List<TrainingClass> classes = new ArrayList<>(bodies.size());
        for (ClassBody body : bodies) {
            // One label per line of labels.txt: a line break in a label would shift every class after it.
            if (body == null
                    || body.label() == null
                    || body.label().isBlank()
                    || body.label().length() > 200
                    || body.label().chars().anyMatch(Character::isISOControl)) {
                throw new InvalidNameException("label", "must be 1 to 200 characters, no control characters");
            }
            List<TrainingPicture> pictures = new ArrayList<>();
            for (PictureBody picture : body.pictures() == null ? List.<PictureBody>of() : body.pictures()) {
                if (picture == null) {
                    throw new InvalidNameException("pictures", "must not hold null");
                }
                FeatureService.checkHash(picture.sha256());
                pictures.add(
                        new TrainingPicture(picture.id() == null ? picture.sha256() : picture.id(), picture.sha256()));
            }
            classes.add(new TrainingClass(body.label().strip(), pictures));
        }
        return classes;
    }

    private List<String> missing(String owner, Backbone backbone, List<TrainingClass> classes) throws IOException {
        Set<String> hashes = new LinkedHashSet<>();
        classes.forEach(c -> c.pictures().forEach(p -> hashes.add(p.sha256())));
        List<String> missing = new ArrayList<>();
        for (String sha : hashes) {
            if (cache.get(owner, backbone, sha).isEmpty()) {
                missing.add(sha);
            }
        }
        return missing;
    }

    /**
     * The next version number (one past the highest, or 1), written atomically; one writer per model at a time.
     * Empty when the run's job has a version already (written meanwhile by another request of that job).
     */
    private synchronized Optional<String> write(String model, TrainedVersion trained, ComposedModelWriter.Run run)
            throws IOException {
        if (run.jobId() != null && recorded.madeBy(model, run.jobId()).isPresent()) {
            return Optional.empty();
        }
        Path modelDir = modelsDir.resolve(model);
        long highest = 0;
        if (Files.isDirectory(modelDir)) {
            try (Stream<Path> versions = Files.list(modelDir)) {
                highest = versions.map(path -> path.getFileName().toString())
                        .filter(name -> name.matches("\\d{1,18}"))
                        .mapToLong(Long::parseLong)
                        .max()
                        .orElse(0);
            }
        }
        String version = Long.toString(highest + 1);
        try {
            writer.write(modelDir, version, trained, run);
        } catch (IOException e) {
            throw Storage.readOnly(e, "models folder");
        }
        return Optional.of(version);
    }

    private static TrainResponse response(
            String model, String version, BackboneFeatures.Entry entry, TrainedVersion trained, long millis) {
        List<String> labels = trained.head().labels();
        Map<String, Integer> counts = new LinkedHashMap<>();
        int pictures = 0;
        for (int c = 0; c < labels.size(); c++) {
            counts.put(labels.get(c), trained.counts()[c]);
            pictures += trained.counts()[c];
        }
        var evaluation = trained.evaluation();
        return new TrainResponse(
                model,
                version,
                FeatureService.ref(entry),
                new Metrics(
                        evaluation.accuracy(),
                        trained.folds() == pictures ? "leave-one-out" : "stratified " + trained.folds() + "-fold",
                        trained.folds(),
                        evaluation.perClass(),
                        labels,
                        evaluation.confusion(),
                        evaluation.misclassified()),
                new Reject(
                        trained.reject().minSimilarity(),
                        trained.reject().minProbability(),
                        trained.reject().quantile()),
                counts,
                pictures,
                millis);
    }
}
