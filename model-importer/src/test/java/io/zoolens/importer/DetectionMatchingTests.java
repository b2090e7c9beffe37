package io.zoolens.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import org.junit.jupiter.api.Test;

/** The golden test's matching rule on hand-made top-4 lists: tolerated differences pass, real ones fail. */
class DetectionMatchingTests {

    /** Scores within 1e-3, box corners within 1e-3 of a 512-pixel side, as ImportedDefaultModelIT. */
    private static final DetectionMatching MATCHING = new DetectionMatching(1e-3f, 0.512f);

    private static final float[][] TFJS = {
        {10, 20, 200, 300, 0.90f, 16},
        {50, 60, 150, 160, 0.50f, 0},
        {70, 80, 90, 100, 0.031f, 2},
        {300, 310, 400, 410, 0.030f, 5},
    };

    @Test
    void listsWithinTheTolerancesAgree() {
        float[][] ours = {
            {10.3f, 19.7f, 200.36f, 300, 0.9008f, 16},
            {50, 60, 150, 160, 0.5f, 0},
            {70, 80, 90, 100, 0.031f, 2},
            {300, 310, 400, 410, 0.030f, 5},
        };
        DetectionMatching.Result result = MATCHING.compare(TFJS, ours);

        assertThat(result.disagreements()).isEmpty();
        assertThat(result.unpairedActual()).isEmpty();
        assertThat(result.perColumn()[2]).isEqualTo(0.36f, offset(1e-4f));
    }

    @Test
    void nearEqualScoresMaySwapPlaces() {
        float[][] ours = {TFJS[0], TFJS[1], TFJS[3], TFJS[2]};
        DetectionMatching.Result result = MATCHING.compare(TFJS, ours);

        assertThat(result.disagreements()).isEmpty();
        assertThat(result.reordered()).isEqualTo(2);
    }

    @Test
    void nearDuplicateBoxesDoNotTakeEachOthersPartners() {
        float[][] tfjs = {{0, 0, 100, 100, 0.5f, 1}, {0, 0, 100.4f, 100, 0.4995f, 1}};
        // Our first fits both of TF.js's; our second only TF.js's first, which a first-come pairing would have given
        // away.
        float[][] ours = {{0, 0, 100.2f, 100, 0.4998f, 1}, {0, 0, 99.7f, 100, 0.4993f, 1}};
        DetectionMatching.Result result = MATCHING.compare(tfjs, ours);

        assertThat(result.unpairedActual()).isEmpty();
        assertThat(result.disagreements()).isEmpty();
        assertThat(result.reordered()).isEqualTo(2);
    }

    @Test
    void theLastDetectionMayDifferWhenItsPartnerFellJustBelowTheCut() {
        // Our 4th is a detection TF.js scored just below its cut (0.030), and TF.js's 4th ours did.
        float[][] ours = {TFJS[0], TFJS[1], TFJS[2], {5, 5, 25, 25, 0.0305f, 7}};
        DetectionMatching.Result result = MATCHING.compare(TFJS, ours);

        assertThat(result.unpairedActual()).containsExactly(3);
        assertThat(result.unpairedExpected()).containsExactly(3);
        assertThat(result.disagreements()).isEmpty();
    }

    @Test
    void anUnpairedDetectionScoringWellAboveTheCutIsADisagreement() {
        float[][] ours = {TFJS[0], TFJS[1], TFJS[2], {5, 5, 25, 25, 0.0312f, 7}};

        assertThat(MATCHING.compare(TFJS, ours).disagreements())
                .singleElement(STRING)
                .contains("actual row 3", "score 0.03120");
    }

    @Test
    void aTfjsDetectionWeLackIsToleratedOnlyBelowTheShownScore() {
        // Ours lacks TF.js's 3rd row (a near-tie in peak picking went the other way) and has another at the cut.
        float[][] ours = {TFJS[0], TFJS[1], TFJS[3], {5, 5, 25, 25, 0.0299f, 7}};

        DetectionMatching.Result strict = MATCHING.compare(TFJS, ours);
        assertThat(strict.disagreements())
                .singleElement(STRING)
                .contains("expected row 2", "above the other list's cut");

        DetectionMatching.Result shownOnly = new DetectionMatching(1e-3f, 0.512f, 0.3f).compare(TFJS, ours);
        assertThat(shownOnly.disagreements()).isEmpty();
        assertThat(shownOnly.tolerated())
                .hasSize(2)
                .anySatisfy(row -> assertThat(row).contains("expected row 2", "below 0.30"));

        float[][] lacksAShownOne = {TFJS[0], TFJS[2], TFJS[3], {5, 5, 25, 25, 0.0299f, 7}};
        assertThat(new DetectionMatching(1e-3f, 0.512f, 0.3f)
                        .compare(TFJS, lacksAShownOne)
                        .disagreements())
                .singleElement(STRING)
                .contains("expected row 1", "score 0.50000");
    }

    @Test
    void aMismatchAboveTheCutIsADisagreement() {
        float[][] ours = {
            TFJS[0],
            {50, 60, 150, 160, 0.5f, 1}, // another class
            TFJS[2],
            TFJS[3],
        };
        assertThat(MATCHING.compare(TFJS, ours).disagreements())
                .anySatisfy(problem -> assertThat(problem).contains("actual row 1"))
                .anySatisfy(problem -> assertThat(problem).contains("expected row 1"));
    }

    @Test
    void aBoxOffByMoreThanTheToleranceIsADisagreement() {
        float[][] ours = {{10, 20, 200.6f, 300, 0.90f, 16}, TFJS[1], TFJS[2], TFJS[3]};

        assertThat(MATCHING.compare(TFJS, ours).disagreements()).hasSize(2);
    }

    @Test
    void aScoreOffByMoreThanTheToleranceIsADisagreement() {
        float[][] ours = {TFJS[0], {50, 60, 150, 160, 0.5015f, 0}, TFJS[2], TFJS[3]};

        assertThat(MATCHING.compare(TFJS, ours).disagreements()).hasSize(2);
    }
}
