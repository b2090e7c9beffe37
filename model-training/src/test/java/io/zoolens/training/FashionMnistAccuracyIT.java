package io.zoolens.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zoolens.image.testing.FashionMnist;
import io.zoolens.model.PooledFeatures;
import io.zoolens.model.PooledFeatures.Pooling;
import io.zoolens.training.evaluation.CrossValidation;
import io.zoolens.training.evaluation.Evaluation;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureExtractor;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import io.zoolens.training.reject.RejectRule;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.GraphDef;

/**
 * Few-shot accuracy on a Fashion-MNIST subset (20 training and 20 test pictures per class, fixed seed) with
 * real feature extraction through DJL: the candidate layers and poolings side by side (one inference gives
 * them all), and the default backbone's cross-validated accuracy against its held-out accuracy.
 * The figures are logged; docs/custom-models.md records them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FashionMnistAccuracyIT {

    private static final Logger log = LoggerFactory.getLogger(FashionMnistAccuracyIT.class);
    private static final int PER_CLASS = 20;
    private static final long SEED = 14;

    /** Candidate feature maps × poolings, by output key. */
    private static final Map<String, Candidate> CANDIDATES = new LinkedHashMap<>();

    record Candidate(String featureMap, Pooling pooling) {}

    static {
        String se14 = "tower_0/MobilenetV3/expanded_conv_14/squeeze_excite/mul";
        CANDIDATES.put("conv14_se_mean", new Candidate(se14, Pooling.MEAN));
        CANDIDATES.put("conv14_se_mean_max", new Candidate(se14, Pooling.MEAN_MAX));
        CANDIDATES.put(
                "conv14_expand_mean",
                new Candidate("tower_0/MobilenetV3/expanded_conv_14/expand/hard_swish/mul_1", Pooling.MEAN));
        CANDIDATES.put("extern1_mean", new Candidate("tower_0/extern1/hard_swish/mul_1", Pooling.MEAN));
        CANDIDATES.put(
                "conv11_add_mean_max", new Candidate("tower_0/MobilenetV3/expanded_conv_11/add", Pooling.MEAN_MAX));
    }

    private final HeadTrainer trainer = new HeadTrainer(HeadTrainer.Settings.defaults());
    private final Path work = Path.of("target", "fashion-mnist-it");
    private Backbone backbone;
    private Map<String, LabelledVectors> train;
    private Map<String, LabelledVectors> test;

    @BeforeAll
    void extract() throws Exception {
        assumeTrue(FashionMnist.installed(), "apt-get install dataset-fashion-mnist");
        assumeTrue(DefaultBackbone.present(), "scripts/fetch-default-model.sh");
        DefaultBackbone.prepareNatives();
        backbone = DefaultBackbone.open(work.resolve("backbones"));
        GraphDef.Builder graph = backbone.graph().toBuilder();
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(FeatureExtractor.FEATURES, backbone.features());
        CANDIDATES.forEach((key, candidate) -> outputs.put(
                key, PooledFeatures.append(graph, candidate.featureMap(), candidate.pooling(), "candidates/" + key)));

        List<FashionMnist.Picture> trainPictures = FashionMnist.sample("train", PER_CLASS, SEED);
        List<FashionMnist.Picture> testPictures = FashionMnist.sample("t10k", PER_CLASS, SEED);
        try (FeatureExtractor extractor =
                FeatureExtractor.open(backbone, graph.build(), outputs, work.resolve("extractor"), 8)) {
            long start = System.nanoTime();
            train = vectors(extractor, trainPictures);
            test = vectors(extractor, testPictures);
            double seconds = (System.nanoTime() - start) / 1e9;
            log.info(
                    "Extracted {} outputs of {} pictures in {} s ({} pictures/s)",
                    outputs.size(),
                    trainPictures.size() + testPictures.size(),
                    String.format(Locale.ROOT, "%.1f", seconds),
                    String.format(Locale.ROOT, "%.1f", (trainPictures.size() + testPictures.size()) / seconds));
        }
    }

    @Test
    void comparesLayersAndPoolings() {
        StringBuilder table =
                new StringBuilder("\n| output | dimension | held-out | cross-validated | nearest centroid |");
        for (String key : train.keySet()) {
            LabelledVectors trainSet = train.get(key);
            double heldOut = heldOutAccuracy(trainer.train(trainSet), test.get(key));
            double crossValidated =
                    CrossValidation.run(trainSet, trainer, SEED).evaluation().accuracy();
            double centroid = nearestCentroidAccuracy(trainSet, test.get(key));
            table.append(String.format(
                    Locale.ROOT,
                    "\n| %s | %d | %.1f%% | %.1f%% | %.1f%% |",
                    key,
                    trainSet.dimension(),
                    100 * heldOut,
                    100 * crossValidated,
                    100 * centroid));
            assertThat(heldOut).as(key).isGreaterThan(0.3); // chance is 10%
        }
        log.info("Few-shot accuracy, Fashion-MNIST, {} per class:{}", PER_CLASS, table);
    }

    @Test
    void defaultFeaturesAreWellAboveChanceAndCrossValidationIsHonest() {
        LabelledVectors trainSet = train.get(FeatureExtractor.FEATURES);
        long start = System.nanoTime();
        SoftmaxHead head = trainer.train(trainSet);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        CrossValidation cv = CrossValidation.run(trainSet, trainer, SEED);
        double cvSeconds = (System.nanoTime() - start) / 1e9;
        double heldOut = heldOutAccuracy(head, test.get(FeatureExtractor.FEATURES));
        Evaluation evaluation = cv.evaluation();
        log.info(
                "Default features: held-out {}%, cross-validated {}% ({} folds); head trained in {} s, cross-validation {} s",
                String.format(Locale.ROOT, "%.1f", 100 * heldOut),
                String.format(Locale.ROOT, "%.1f", 100 * evaluation.accuracy()),
                cv.folds(),
                String.format(Locale.ROOT, "%.2f", trainSeconds),
                String.format(Locale.ROOT, "%.2f", cvSeconds));

        assertThat(heldOut).isGreaterThan(0.5);
        assertThat(Math.abs(evaluation.accuracy() - heldOut)).isLessThanOrEqualTo(0.10);
        assertThat(evaluation.perClass()).hasSize(10);
        assertThat(evaluation.misclassified()).hasSize((int) Math.round((1 - evaluation.accuracy()) * trainSet.size()));
    }

    @Test
    void photosUnlikeEveryClassAreUnknownWhileMostTestPicturesAreNamed() throws Exception {
        LabelledVectors trainSet = train.get(FeatureExtractor.FEATURES);
        SoftmaxHead head = trainer.train(trainSet);
        RejectRule rule = RejectRule.calibrate(
                trainSet, CrossValidation.run(trainSet, trainer, SEED).outOfFold(), RejectRule.DEFAULT_QUANTILE);
        LabelledVectors testSet = test.get(FeatureExtractor.FEATURES);
        int named = 0;
        int namedRight = 0;
        for (int i = 0; i < testSet.size(); i++) {
            float[] x = testSet.vectors()[i];
            RejectRule.Verdict verdict = rule.decide(head.labels(), x, head.probabilities(x), 3);
            if (!verdict.unknown()) {
                named++;
                if (verdict.label().equals(head.labels().get(testSet.classes()[i]))) {
                    namedRight++;
                }
            }
        }
        List<String> photos = List.of("chelsea.png", "astronaut.png", "rocket.jpg", "coffee.png", "flower.jpg");
        List<BufferedImage> images = new ArrayList<>();
        for (String photo : photos) {
            images.add(javax.imageio.ImageIO.read(
                    Path.of("..", ".cache", "test-images", photo).toFile()));
        }
        float[][] photoFeatures;
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("photos"), 4)) {
            photoFeatures = extractor.extract(images);
        }
        StringBuilder verdicts = new StringBuilder();
        int unknown = 0;
        for (int i = 0; i < photos.size(); i++) {
            RejectRule.Verdict verdict =
                    rule.decide(head.labels(), photoFeatures[i], head.probabilities(photoFeatures[i]), 2);
            verdicts.append(String.format(
                    Locale.ROOT,
                    "%n  %s: %s (similarity %.3f, best guess %s %.0f%%)",
                    photos.get(i),
                    verdict.unknown() ? "unknown" : verdict.label(),
                    verdict.similarity(),
                    verdict.guesses().get(0).label(),
                    100 * verdict.guesses().get(0).probability()));
            if (verdict.unknown()) {
                unknown++;
            }
        }
        log.info(
                "Reject rule: min similarity {}, min probability {}; test pictures named {}/{} ({} right); photos:{}",
                String.format(Locale.ROOT, "%.3f", rule.minSimilarity()),
                String.format(Locale.ROOT, "%.3f", rule.minProbability()),
                named,
                testSet.size(),
                namedRight,
                verdicts);

        double[] own = RejectRule.ownClassSimilarities(trainSet);
        double plain = RejectRule.quantileOf(own, RejectRule.DEFAULT_QUANTILE);
        double plainProbability = NearDuplicateRejectIT.plainMinProbability(
                trainSet, CrossValidation.run(trainSet, trainer, SEED).outOfFold());
        float[][] testVectors = testSet.vectors();
        log.info(
                "Own-class similarities: 5% {}, median {}; test pictures' best similarity: 5% {}, median {};"
                        + " with the plain quantiles {} / {}: test pictures named {}/{}, photos unknown {}/{}",
                String.format(Locale.ROOT, "%.4f", plain),
                String.format(Locale.ROOT, "%.4f", RejectRule.quantileOf(own, 0.5)),
                String.format(Locale.ROOT, "%.4f", RejectRule.quantileOf(bestSimilarities(rule, head, testSet), 0.05)),
                String.format(Locale.ROOT, "%.4f", RejectRule.quantileOf(bestSimilarities(rule, head, testSet), 0.5)),
                String.format(Locale.ROOT, "%.4f", plain),
                String.format(Locale.ROOT, "%.4f", plainProbability),
                NearDuplicateRejectIT.count(testVectors, head, rule, plain, plainProbability, false),
                testSet.size(),
                NearDuplicateRejectIT.count(photoFeatures, head, rule, plain, plainProbability, true),
                photos.size());

        assertThat(unknown)
                .as("photos unlike any clothing picture that are unknown")
                .isEqualTo(photos.size());
        assertThat(named).as("test pictures named").isGreaterThan(testSet.size() / 2);
        assertThat((double) namedRight / named).as("accuracy of the named ones").isGreaterThan(0.6);
    }

    private static double[] bestSimilarities(RejectRule rule, SoftmaxHead head, LabelledVectors set) {
        double[] similarities = new double[set.size()];
        for (int i = 0; i < set.size(); i++) {
            float[] x = set.vectors()[i];
            similarities[i] =
                    rule.decide(head.labels(), x, head.probabilities(x), 1).similarity();
        }
        return similarities;
    }

    private static double heldOutAccuracy(SoftmaxHead head, LabelledVectors test) {
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            if (SoftmaxHead.best(head.probabilities(test.vectors()[i])) == test.classes()[i]) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }

    private static double nearestCentroidAccuracy(LabelledVectors train, LabelledVectors test) {
        double[][] centroids = new double[train.labels().size()][train.dimension()];
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < train.dimension(); j++) {
                centroids[train.classes()[i]][j] += train.vectors()[i][j];
            }
        }
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < centroids.length; c++) {
                double dot = 0;
                double norm = 0;
                for (int j = 0; j < centroids[c].length; j++) {
                    dot += centroids[c][j] * test.vectors()[i][j];
                    norm += centroids[c][j] * centroids[c][j];
                }
                double score = dot / Math.sqrt(norm);
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            if (best == test.classes()[i]) {
                correct++;
            }
        }
        return (double) correct / test.size();
    }

    private static Map<String, LabelledVectors> vectors(
            FeatureExtractor extractor, List<FashionMnist.Picture> pictures) {
        List<BufferedImage> images = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        int[] classes = new int[pictures.size()];
        for (int i = 0; i < pictures.size(); i++) {
            images.add(pictures.get(i).image());
            ids.add(pictures.get(i).id());
            classes[i] = pictures.get(i).label();
        }
        Map<String, LabelledVectors> byOutput = new LinkedHashMap<>();
        extractor
                .extractAll(images)
                .forEach((key, vectors) ->
                        byOutput.put(key, new LabelledVectors(FashionMnist.LABELS, ids, classes, vectors)));
        return byOutput;
    }
}
