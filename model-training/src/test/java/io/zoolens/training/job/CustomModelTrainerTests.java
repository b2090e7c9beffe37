package io.zoolens.training.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.training.Clusters;
import io.zoolens.training.compose.TrainedVersion;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureCache;
import io.zoolens.training.features.Features;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.job.TrainingRefusedException.Reason;
import io.zoolens.training.job.TrainingRequest.TrainingClass;
import io.zoolens.training.job.TrainingRequest.TrainingPicture;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomModelTrainerTests {

    private static final Backbone BACKBONE = new Backbone("fake", "1", null, null, null, "features");
    private static final Instant NOW = Instant.parse("2026-12-05T09:00:00Z");

    /** 3 classes × 8 pictures; picture i's image is 1×1 with RGB value i, its features Clusters' row i. */
    private final LabelledVectors clusters = Clusters.around(6, new int[] {8, 8, 8}, 0.2, 21);

    private final CountingFeatures features = new CountingFeatures();

    @TempDir
    Path cacheDir;

    @Test
    void trainsFromClassesAndRunsTheBackboneOnlyForPicturesNotSeenBefore() throws Exception {
        CustomModelTrainer trainer = trainer(TrainingLimits.defaults());
        List<String> progress = new ArrayList<>();

        TrainedVersion first = trainer.train(
                request(classes(0, 24)),
                features,
                this::image,
                (stage, done, total) -> progress.add(stage + " " + done + "/" + total),
                () -> false);

        assertThat(features.images).isEqualTo(24);
        assertThat(first.counts()).containsExactly(8, 8, 8);
        assertThat(first.evaluation().accuracy()).isEqualTo(1.0);
        assertThat(first.folds()).isEqualTo(24); // leave-one-out for a set this small
        assertThat(first.createdAt()).isEqualTo(NOW);
        assertThat(first.owner()).isEqualTo("owner-1");
        assertThat(first.head().labels()).containsExactly("class-0", "class-1", "class-2");
        assertThat(progress)
                .startsWith(
                        "FEATURES 0/24", "FEATURES 8/24", "FEATURES 16/24", "FEATURES 24/24", "CROSS_VALIDATION 1/24")
                .endsWith("CROSS_VALIDATION 24/24", "HEAD 0/1", "HEAD 1/1");

        features.images = 0;
        TrainedVersion again =
                trainer.train(request(classes(0, 24)), features, this::image, TrainingProgress.NONE, () -> false);

        assertThat(features.images).as("every vector came from the cache").isZero();
        assertThat(again.head().weights()).isDeepEqualTo(first.head().weights());
    }

    @Test
    void cancellingStopsBetweenBatchesAndKeepsWhatWasComputed() throws Exception {
        CustomModelTrainer trainer = trainer(TrainingLimits.defaults());
        int[] polls = {0};

        assertThatThrownBy(() -> trainer.train(
                        request(classes(0, 24)), features, this::image, TrainingProgress.NONE, () -> ++polls[0] > 1))
                .isInstanceOf(CancellationException.class);

        assertThat(features.images).isEqualTo(8);
        features.images = 0;
        trainer.train(request(classes(0, 24)), features, this::image, TrainingProgress.NONE, () -> false);
        assertThat(features.images).as("the first batch was cached").isEqualTo(16);
    }

    @Test
    void requestsThatCannotGiveAnHonestModelAreRefusedBeforeAnyPictureIsRead() {
        CustomModelTrainer trainer = trainer(new TrainingLimits(2, 5, 3, 30));
        List<TrainingClass> three = classes(0, 24);

        assertRefused(trainer, List.of(three.get(0)), Reason.TOO_FEW_CLASSES);
        List<TrainingClass> four = new ArrayList<>(three);
        four.add(new TrainingClass("class-3", three.get(0).pictures()));
        assertRefused(trainer, four, Reason.TOO_MANY_CLASSES);
        assertRefused(
                trainer,
                List.of(three.get(0), new TrainingClass("class-0", three.get(1).pictures())),
                Reason.DUPLICATE_CLASS);
        assertRefused(trainer, List.of(three.get(0), new TrainingClass("empty", List.of())), Reason.EMPTY_CLASS);
        assertRefused(
                trainer,
                List.of(
                        three.get(0),
                        new TrainingClass("few", three.get(1).pictures().subList(0, 4))),
                Reason.TOO_FEW_PICTURES);
        CustomModelTrainer small = trainer(new TrainingLimits(2, 5, 3, 20));
        assertThatThrownBy(() -> small.train(request(three), features, this::image, TrainingProgress.NONE, () -> false))
                .isInstanceOfSatisfying(
                        TrainingRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PICTURES));
        assertThat(features.images).isZero();
    }

    @Test
    void aPictureInTwoClassesIsRefusedWithTheConflicts() {
        List<TrainingClass> three = classes(0, 24);
        List<TrainingPicture> second = new ArrayList<>(three.get(1).pictures());
        TrainingPicture shared = three.get(0).pictures().get(3);
        second.add(new TrainingPicture("copy-of-" + shared.id(), shared.sha256()));
        List<TrainingClass> classes = List.of(three.get(0), new TrainingClass("class-1", second), three.get(2));

        assertThatThrownBy(() -> trainer(TrainingLimits.defaults())
                        .train(request(classes), features, this::image, TrainingProgress.NONE, () -> false))
                .isInstanceOfSatisfying(TrainingRefusedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PICTURE_IN_TWO_CLASSES);
                    assertThat(e.conflicts())
                            .containsExactly(new TrainingRefusedException.Conflict(
                                    shared.sha256(),
                                    List.of(shared.id(), "copy-of-" + shared.id()),
                                    List.of("class-0", "class-1")));
                });
    }

    private void assertRefused(CustomModelTrainer trainer, List<TrainingClass> classes, Reason reason) {
        assertThatThrownBy(() ->
                        trainer.train(request(classes), features, this::image, TrainingProgress.NONE, () -> false))
                .isInstanceOfSatisfying(
                        TrainingRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private CustomModelTrainer trainer(TrainingLimits limits) {
        return new CustomModelTrainer(
                new FeatureCache(cacheDir),
                new HeadTrainer(HeadTrainer.Settings.defaults()),
                limits,
                Clock.fixed(NOW, ZoneOffset.UTC),
                8,
                1);
    }

    private static TrainingRequest request(List<TrainingClass> classes) {
        return new TrainingRequest("owner-1", "test", BACKBONE, classes);
    }

    /** Clusters' pictures from..to as classes, in its label order. */
    private List<TrainingClass> classes(int from, int to) {
        List<TrainingClass> classes = new ArrayList<>();
        for (int c = 0; c < clusters.labels().size(); c++) {
            List<TrainingPicture> pictures = new ArrayList<>();
            for (int i = from; i < to; i++) {
                if (clusters.classes()[i] == c) {
                    pictures.add(new TrainingPicture("picture-" + i, sha(i)));
                }
            }
            classes.add(new TrainingClass(clusters.labels().get(c), pictures));
        }
        return classes;
    }

    private BufferedImage image(TrainingPicture picture) {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, Integer.parseInt(picture.id().substring("picture-".length())));
        return image;
    }

    private static String sha(int i) {
        byte[] bytes = new byte[32];
        bytes[31] = (byte) i;
        return HexFormat.of().formatHex(bytes);
    }

    /** Features of picture i are Clusters' row i; counts the images it is asked for. */
    private final class CountingFeatures implements Features {
        int images;

        @Override
        public float[][] extract(List<BufferedImage> batch) {
            images += batch.size();
            float[][] out = new float[batch.size()][];
            for (int b = 0; b < batch.size(); b++) {
                out[b] = clusters.vectors()[batch.get(b).getRGB(0, 0) & 0xFFFFFF];
            }
            return out;
        }
    }
}
