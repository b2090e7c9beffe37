package io.zoolens.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zoolens.training.evaluation.CrossValidation;
import io.zoolens.training.features.Backbone;
import io.zoolens.training.features.FeatureExtractor;
import io.zoolens.training.head.HeadTrainer;
import io.zoolens.training.head.LabelledVectors;
import io.zoolens.training.head.SoftmaxHead;
import io.zoolens.training.reject.RejectRule;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reject rule on near-identical training pictures, with real feature extraction: three classes, each six
 * crops (some mirrored) of one photo, as a user photographing one object six times gets. Their similarities to
 * their class centroid are all ≈0.99+, so a plain 5% quantile made a threshold so strict that new crops of the
 * same photos answered {@code unknown}; the bounded rule names them, and photos of other things stay unknown.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearDuplicateRejectIT {

    private static final Logger log = LoggerFactory.getLogger(NearDuplicateRejectIT.class);
    private static final List<String> CLASSES = List.of("chelsea.png", "coffee.png", "rocket.jpg");
    private static final List<String> UNRELATED = List.of("astronaut.png", "flower.jpg", "grace_hopper.jpg");
    private static final int TRAINING_CROPS = 6;
    private static final int TEST_CROPS = 20;

    private final HeadTrainer trainer = new HeadTrainer(HeadTrainer.Settings.defaults());
    private final Path work = Path.of("target", "near-duplicate-it");
    private Backbone backbone;
    private float[][] unrelated;

    /** Training and test crops of the three photos. */
    record CropSet(LabelledVectors train, LabelledVectors test) {}

    @BeforeAll
    void extract() throws Exception {
        assumeTrue(DefaultBackbone.present(), "scripts/fetch-default-model.sh");
        DefaultBackbone.prepareNatives();
        backbone = DefaultBackbone.open(work.resolve("backbones"));
        List<BufferedImage> others = new ArrayList<>();
        for (String name : UNRELATED) {
            others.add(photo(name));
        }
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("unrelated"), 8)) {
            unrelated = extractor.extract(others);
        }
    }

    /**
     * Training crops of {@code minSide} to {@code minSide + spread} of each side (0.9 + 0.08: nearly the same
     * picture), test crops of {@code testMin} to {@code testMin + testSpread}.
     */
    CropSet crops(double minSide, double spread, double testMin, double testSpread) throws IOException {
        List<BufferedImage> trainImages = new ArrayList<>();
        List<BufferedImage> testImages = new ArrayList<>();
        int[] trainClasses = new int[CLASSES.size() * TRAINING_CROPS];
        int[] testClasses = new int[CLASSES.size() * TEST_CROPS];
        for (int c = 0; c < CLASSES.size(); c++) {
            BufferedImage photo = photo(CLASSES.get(c));
            trainImages.addAll(crops(photo, TRAINING_CROPS, 14 + c, minSide, spread));
            testImages.addAll(crops(photo, TEST_CROPS, 1400 + c, testMin, testSpread));
            Arrays.fill(trainClasses, c * TRAINING_CROPS, (c + 1) * TRAINING_CROPS, c);
            Arrays.fill(testClasses, c * TEST_CROPS, (c + 1) * TEST_CROPS, c);
        }
        List<String> labels = List.of("cat", "coffee", "rocket");
        try (FeatureExtractor extractor = FeatureExtractor.open(backbone, work.resolve("crops"), 8)) {
            return new CropSet(
                    new LabelledVectors(
                            labels, ids("train", trainImages.size()), trainClasses, extractor.extract(trainImages)),
                    new LabelledVectors(
                            labels, ids("test", testImages.size()), testClasses, extractor.extract(testImages)));
        }
    }

    @Test
    void trainedOnCloseCropsNewCropsAreNamedAndOtherPhotosAreUnknown() throws IOException {
        check("training on close crops (90-98% of each side), new crops 75-95%", crops(0.9, 0.08, 0.75, 0.2));
    }

    @Test
    void newCropsOfTheTrainingPhotosAreNamedAndOtherPhotosAreUnknown() throws IOException {
        check("crops (75-95% of each side)", crops(0.75, 0.2, 0.75, 0.2));
    }

    private void check(String name, CropSet set) {
        LabelledVectors train = set.train();
        LabelledVectors test = set.test();
        SoftmaxHead head = trainer.train(train);
        double[][] outOfFold = CrossValidation.run(train, trainer, 14).outOfFold();
        RejectRule rule = RejectRule.calibrate(train, outOfFold, RejectRule.DEFAULT_QUANTILE);
        double[] own = RejectRule.ownClassSimilarities(train);
        int named = 0;
        int namedRight = 0;
        double[] testSimilarities = new double[test.size()];
        for (int i = 0; i < test.size(); i++) {
            float[] x = test.vectors()[i];
            RejectRule.Verdict verdict = rule.decide(head.labels(), x, head.probabilities(x), 3);
            testSimilarities[i] = verdict.similarity();
            if (!verdict.unknown()) {
                named++;
                if (verdict.label().equals(head.labels().get(test.classes()[i]))) {
                    namedRight++;
                }
            }
        }
        StringBuilder photos = new StringBuilder();
        int unknown = 0;
        for (int i = 0; i < unrelated.length; i++) {
            RejectRule.Verdict verdict = rule.decide(head.labels(), unrelated[i], head.probabilities(unrelated[i]), 1);
            photos.append(String.format(
                    Locale.ROOT,
                    "%n  %s: %s (similarity %.4f, best guess %s %.0f%%)",
                    UNRELATED.get(i),
                    verdict.unknown() ? "unknown" : verdict.label(),
                    verdict.similarity(),
                    verdict.guesses().get(0).label(),
                    100 * verdict.guesses().get(0).probability()));
            if (verdict.unknown()) {
                unknown++;
            }
        }
        log.info(
                "Near-duplicates, {}: own-class similarities min {} / 5% {} / median {}; min similarity {}, min probability {};"
                        + " new crops: similarity min {} / 5% {} / median {}, named {}/{} ({} right); photos:{}",
                name,
                f(RejectRule.quantileOf(own, 0)),
                f(RejectRule.quantileOf(own, 0.05)),
                f(RejectRule.quantileOf(own, 0.5)),
                f(rule.minSimilarity()),
                f(rule.minProbability()),
                f(RejectRule.quantileOf(testSimilarities, 0)),
                f(RejectRule.quantileOf(testSimilarities, 0.05)),
                f(RejectRule.quantileOf(testSimilarities, 0.5)),
                named,
                test.size(),
                namedRight,
                photos);

        // The rule before the bounds (plain 5% quantiles), for docs/custom-models.md.
        double plain = RejectRule.quantileOf(own, RejectRule.DEFAULT_QUANTILE);
        double plainProbability = plainMinProbability(train, outOfFold);
        log.info(
                "Near-duplicates, {}, with the plain quantiles {} / {}: new crops named {}/{}, photos unknown {}/{}",
                name,
                f(plain),
                f(plainProbability),
                count(test.vectors(), head, rule, plain, plainProbability, false),
                test.size(),
                count(unrelated, head, rule, plain, plainProbability, true),
                unrelated.length);

        assertThat(unknown).as("photos of other things that are unknown").isEqualTo(UNRELATED.size());
        assertThat(named).as("new crops of the training photos named").isGreaterThanOrEqualTo(test.size() * 3 / 4);
        assertThat(namedRight).as("named right").isEqualTo(named);
    }

    /** The probability threshold without its bound: the quantile of the right out-of-fold probabilities. */
    static double plainMinProbability(LabelledVectors train, double[][] outOfFold) {
        List<Double> right = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            if (SoftmaxHead.best(outOfFold[i]) == train.classes()[i]) {
                right.add(outOfFold[i][train.classes()[i]]);
            }
        }
        return RejectRule.quantileOf(
                right.stream().mapToDouble(Double::doubleValue).toArray(), RejectRule.DEFAULT_QUANTILE);
    }

    /** How many of {@code vectors} are unknown (or named) with {@code calibrated}'s thresholds replaced. */
    static int count(
            float[][] vectors,
            SoftmaxHead head,
            RejectRule calibrated,
            double minSimilarity,
            double minProbability,
            boolean unknown) {
        RejectRule rule = new RejectRule(minSimilarity, minProbability, calibrated.centroids(), calibrated.quantile());
        int count = 0;
        for (float[] x : vectors) {
            if (rule.decide(head.labels(), x, head.probabilities(x), 1).unknown() == unknown) {
                count++;
            }
        }
        return count;
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static List<String> ids(String prefix, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    private static BufferedImage photo(String name) throws IOException {
        Path file = Path.of("..", ".cache", "test-images", name);
        assumeTrue(file.toFile().isFile(), "scripts/fetch-test-images.sh");
        BufferedImage image = ImageIO.read(file.toFile());
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(image, 0, 0, null);
        return rgb;
    }

    /** {@code count} crops of {@code min} to {@code min + spread} of each side, every second one mirrored. */
    private static List<BufferedImage> crops(BufferedImage source, int count, long seed, double min, double spread) {
        Random random = new Random(seed);
        List<BufferedImage> crops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int w = (int) (source.getWidth() * (min + spread * random.nextDouble()));
            int h = (int) (source.getHeight() * (min + spread * random.nextDouble()));
            int x = random.nextInt(source.getWidth() - w + 1);
            int y = random.nextInt(source.getHeight() - h + 1);
            boolean mirrored = i % 2 == 1;
            BufferedImage crop = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            for (int row = 0; row < h; row++) {
                for (int col = 0; col < w; col++) {
                    crop.setRGB(col, row, source.getRGB(mirrored ? x + w - 1 - col : x + col, y + row));
                }
            }
            crops.add(crop);
        }
        return crops;
    }
}
