package io.zoolens.training.job;

import io.zoolens.training.compose.TrainedVersion;
import io.zoolens.training.evaluation.CrossValidation;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.features.Features;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import io.zoolens.training.job.TrainingRefusedException.Conflict;
import io.zoolens.training.job.TrainingRefusedException.Reason;
import io.zoolens.training.job.TrainingRequest.TrainingClass;
import io.zoolens.training.job.TrainingRequest.TrainingPicture;
import io.zoolens.training.reject.RejectRule;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One training, start to end: checks the request, gets every picture's features (from the cache, or through the
 * backbone in batches, then cached), cross-validates, trains the final head and calibrates the reject rule.
 * Cancellable between batches and folds. The caller writes the result ({@code ComposedModelWriter}).
 */
public final class CustomModelTrainer {

    private final FeatureCache cache;
    private final HeadTrainer trainer;
    private final TrainingLimits limits;
    private final Clock clock;
    private final int batchSize;
    private final long seed;

    public CustomModelTrainer(
            FeatureCache cache, HeadTrainer trainer, TrainingLimits limits, Clock clock, int batchSize, long seed) {
        this.cache = cache;
        this.trainer = trainer;
        this.limits = limits;
        this.clock = clock;
        this.batchSize = Math.max(1, batchSize);
        this.seed = seed;
    }

    /**
     * @param features the request's backbone, ready to run
     * @throws TrainingRefusedException when the classes cannot be trained (nothing is computed then)
     * @throws CancellationException when {@code cancelled} turned true
     */
    public TrainedVersion train(
            TrainingRequest request,
            Features features,
            PictureSource pictures,
            TrainingProgress progress,
            BooleanSupplier cancelled)
            throws IOException {
        check(request.classes());
        List<String> labels = new ArrayList<>();
        List<TrainingPicture> all = new ArrayList<>();
        List<Integer> classOf = new ArrayList<>();
        for (TrainingClass trainingClass : request.classes()) {
            labels.add(trainingClass.label());
            Set<String> seen = new HashSet<>();
            for (TrainingPicture picture : trainingClass.pictures()) {
                if (seen.add(picture.sha256())) { // the same picture twice in one class counts once
                    all.add(picture);
                    classOf.add(labels.size() - 1);
                }
            }
        }
        float[][] vectors = vectors(request, all, features, pictures, progress, cancelled);
        LabelledVectors data = new LabelledVectors(
                labels,
                all.stream().map(TrainingPicture::id).toList(),
                classOf.stream().mapToInt(Integer::intValue).toArray(),
                vectors);

        CrossValidation cv = CrossValidation.run(data, trainer, seed, (done, total) -> {
            progress.update(TrainingProgress.Stage.CROSS_VALIDATION, done, total);
            throwIfCancelled(cancelled);
        });
        progress.update(TrainingProgress.Stage.HEAD, 0, 1);
        SoftmaxHead head = trainer.train(data);
        RejectRule reject = RejectRule.calibrate(data, cv.outOfFold(), RejectRule.DEFAULT_QUANTILE);
        progress.update(TrainingProgress.Stage.HEAD, 1, 1);
        return new TrainedVersion(
                request.description(),
                request.owner(),
                request.backbone(),
                head,
                reject,
                cv.evaluation(),
                cv.folds(),
                data.counts(),
                clock.instant());
    }

    /** Refuses what cannot give an honest model, before any picture is read. */
    void check(List<TrainingClass> classes) {
        if (classes.size() < limits.minClasses()) {
            throw new TrainingRefusedException(
                    Reason.TOO_FEW_CLASSES, "A model needs at least " + limits.minClasses() + " classes");
        }
        if (classes.size() > limits.maxClasses()) {
            throw new TrainingRefusedException(
                    Reason.TOO_MANY_CLASSES, "A model takes at most " + limits.maxClasses() + " classes");
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        Map<String, List<String[]>> byContent = new LinkedHashMap<>(); // sha256 → [picture id, label]
        for (TrainingClass trainingClass : classes) {
            if (!names.add(trainingClass.label())) {
                throw new TrainingRefusedException(
                        Reason.DUPLICATE_CLASS, "Two classes are named '" + trainingClass.label() + "'");
            }
            Set<String> distinct = new HashSet<>();
            for (TrainingPicture picture : trainingClass.pictures()) {
                distinct.add(picture.sha256());
                byContent
                        .computeIfAbsent(picture.sha256(), sha -> new ArrayList<>())
                        .add(new String[] {picture.id(), trainingClass.label()});
            }
            if (distinct.isEmpty()) {
                throw new TrainingRefusedException(
                        Reason.EMPTY_CLASS, "Class '" + trainingClass.label() + "' has no pictures");
            }
            if (distinct.size() < limits.minPicturesPerClass()) {
                throw new TrainingRefusedException(
                        Reason.TOO_FEW_PICTURES,
                        "Class '" + trainingClass.label() + "' has " + distinct.size() + " pictures; at least "
                                + limits.minPicturesPerClass() + " are needed");
            }
            total += distinct.size();
        }
        if (total > limits.maxPictures()) {
            throw new TrainingRefusedException(
                    Reason.TOO_MANY_PICTURES,
                    "The classes hold " + total + " pictures; at most " + limits.maxPictures() + " are trained on");
        }
        List<Conflict> conflicts = new ArrayList<>();
        byContent.forEach((sha, uses) -> {
            List<String> labels = uses.stream().map(use -> use[1]).distinct().toList();
            if (labels.size() > 1) {
                conflicts.add(new Conflict(
                        sha, uses.stream().map(use -> use[0]).distinct().toList(), labels));
            }
        });
        if (!conflicts.isEmpty()) {
            throw new TrainingRefusedException(
                    Reason.PICTURE_IN_TWO_CLASSES,
                    conflicts.size() + " picture(s) are in more than one class; a picture can show only one",
                    conflicts);
        }
    }

    private float[][] vectors(
            TrainingRequest request,
            List<TrainingPicture> all,
            Features features,
            PictureSource pictures,
            TrainingProgress progress,
            BooleanSupplier cancelled)
            throws IOException {
        float[][] vectors = new float[all.size()][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            vectors[i] = cache.get(
                            request.owner(), request.backbone(), all.get(i).sha256())
                    .orElse(null);
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        int done = all.size() - missing.size();
        progress.update(TrainingProgress.Stage.FEATURES, done, all.size());
        for (int start = 0; start < missing.size(); start += batchSize) {
            throwIfCancelled(cancelled);
            List<Integer> batch = missing.subList(start, Math.min(missing.size(), start + batchSize));
            List<BufferedImage> images = new ArrayList<>(batch.size());
            for (int i : batch) {
                images.add(pictures.load(all.get(i)));
            }
            float[][] extracted = features.extract(images);
            for (int b = 0; b < batch.size(); b++) {
                int i = batch.get(b);
                vectors[i] = extracted[b];
                cache.put(request.owner(), request.backbone(), all.get(i).sha256(), extracted[b]);
            }
            done += batch.size();
            progress.update(TrainingProgress.Stage.FEATURES, done, all.size());
        }
        int dimension = vectors[0].length;
        for (float[] vector : vectors) {
            if (vector.length != dimension) {
                throw new IllegalStateException("feature vectors of " + dimension + " and " + vector.length
                        + " values: the cache holds vectors of another build of this backbone");
            }
        }
        return vectors;
    }

    private static void throwIfCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("training cancelled");
        }
    }
}
