package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classifier.Classified;
import io.zoolens.api.classifier.Detection;
import io.zoolens.api.classifier.LabelScore;
import io.zoolens.api.classifier.ModelUsed;
import io.zoolens.api.classifier.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is stored of a classifier answer, and how a stored answer is shown with given thresholds. */
class ResultTests {

    private static final Thresholds DEFAULT = Thresholds.DEFAULT;

    @Test
    void everyLabelIsKeptBestFirstButObjectsOnlyDownToTheFloor() {
        var answer = answer(
                List.of(label("dog", 0.2), label("cat", 0.6), label("toaster", 0.001)),
                List.of(object("dog", 0.2), object("cat", 0.6), object("toaster", 0.049), object("mouse", 0.05)));

        Result result = Result.of(answer);

        assertThat(result.labels()).extracting(LabelScore::label).containsExactly("cat", "dog", "toaster");
        assertThat(result.objects()).extracting(Detection::label).containsExactly("cat", "dog", "mouse");
        assertThat(result.objects().get(0).box()).isEqualTo(new Detection.Box(1, 2, 3, 4));
    }

    @Test
    void atMostAThousandLabelsAndAHundredObjectsAreKept() {
        List<LabelScore> labels = new ArrayList<>();
        List<Detection> objects = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            labels.add(label("l" + i, i / 1200.0));
            objects.add(object("o" + i, 0.06 + i / 2000.0));
        }

        Result result = Result.of(answer(labels, objects));

        assertThat(result.labels()).hasSize(1000);
        assertThat(result.labels().get(0).label()).isEqualTo("l1199");
        assertThat(result.objects()).hasSize(100);
        assertThat(result.objects().get(0).label()).isEqualTo("o1199");
    }

    @Test
    void aLabelAtTheThresholdIsRecognisedAndTopKCapsTheList() {
        Result result = stored(0.71, 0.3, 0.29, 0.1);

        Reading reading = result.read(new Thresholds(1, 0.3));

        assertThat(reading.recognised()).isTrue();
        assertThat(reading.top()).isEqualTo(new LabelScore("l0", 0.71));
        assertThat(reading.labels()).extracting(LabelScore::label).containsExactly("l0");
        assertThat(reading.hints()).isEmpty();
        assertThat(reading.labelCount()).isEqualTo(4);
        assertThat(reading.applied()).isEqualTo(new Thresholds(1, 0.3));
        assertThat(result.read(DEFAULT).labels()).extracting(LabelScore::label).containsExactly("l0", "l1");
    }

    @Test
    void nothingOverTheThresholdIsNotRecognisedWithTheBestThreeHints() {
        Result result = stored(0.19, 0.17, 0.12, 0.08, 0.06);

        Reading reading = result.read(DEFAULT);

        assertThat(reading.recognised()).isFalse();
        assertThat(reading.top()).isNull();
        assertThat(reading.labels()).isEmpty();
        assertThat(reading.objects()).isEmpty();
        assertThat(reading.hints()).extracting(LabelScore::score).containsExactly(0.19, 0.17, 0.12);
        assertThat(reading.labelCount()).isEqualTo(5);
    }

    @Test
    void hintsBelowTheFloorAreNoise() {
        Reading reading = stored(0.06, 0.049, 0.01).read(DEFAULT);

        assertThat(reading.hints()).extracting(LabelScore::score).containsExactly(0.06);
        assertThat(stored().read(DEFAULT).hints()).isEmpty();
    }

    @Test
    void showingAllLabelsUsesTheLowestThresholdAndTheLargestTopK() {
        Result result = stored(0.5, 0.2, 0.01, 0.0);

        Reading all = result.read(new Thresholds(Thresholds.MAX_TOP_K, 0));

        assertThat(all.recognised()).isTrue();
        assertThat(all.labels()).hasSize(4);
        assertThat(all.objects()).hasSize(4);
    }

    @Test
    void objectsAreFilteredWithTheSameMinimumScore() {
        Result result = stored(0.8, 0.35, 0.1);

        assertThat(result.read(new Thresholds(1, 0.3)).objects())
                .extracting(Detection::score)
                .containsExactly(0.8, 0.35);
    }

    @Test
    void anOlderDocumentsUnsortedTopFiveReadsTheSame() {
        Result older = new Result(List.of(new LabelScore("dog", 0.4), new LabelScore("cat", 0.9)), null);

        Reading reading = older.read(DEFAULT);

        assertThat(reading.top().label()).isEqualTo("cat");
        assertThat(reading.labels()).extracting(LabelScore::label).containsExactly("cat", "dog");
        assertThat(reading.objects()).isEmpty();
    }

    @Test
    void anUnknownAnswerKeepsItsRejectionAndIsNeverRecognisedItsBestGuessesBeingTheHints() {
        Rejection why = new Rejection(List.of("low-similarity"), 0.912, 0.965, 0.94, 0.61);
        var answer = new Classified(
                new ModelUsed("u-owner-m1", "1", "classification"),
                List.of(label("sneaker", 0.04), label("bag", 0.94), label("shirt", 0.015), label("coat", 0.005)),
                List.of(),
                null,
                true,
                why);

        Result result = Result.of(answer);
        Reading own = result.read(DEFAULT);
        Reading all = result.read(new Thresholds(Thresholds.MAX_TOP_K, 0));

        assertThat(result.unknown()).isTrue();
        assertThat(result.reject()).isEqualTo(why);
        assertThat(result.labels()).extracting(LabelScore::label).containsExactly("bag", "sneaker", "shirt", "coat");
        assertThat(own.recognised())
                .as("a guess over the threshold is still no answer")
                .isFalse();
        assertThat(own.top()).isNull();
        assertThat(own.unknown()).isTrue();
        assertThat(own.reject()).isEqualTo(why);
        assertThat(own.hints()).extracting(LabelScore::label).containsExactly("bag");
        assertThat(own.labels())
                .as("kept, as guesses")
                .extracting(LabelScore::label)
                .containsExactly("bag");
        assertThat(all.recognised()).isFalse();
        assertThat(all.labels()).hasSize(4);
        assertThat(all.hints()).extracting(LabelScore::label).containsExactly("bag");
    }

    @Test
    void aCustomModelsKnownAnswerIsRecognisedAndKeepsItsEmptyReasons() {
        Rejection none = new Rejection(List.of(), 0.98, 0.965, 0.88, 0.61);
        var answer = new Classified(
                new ModelUsed("u-owner-m1", "1", "classification"),
                List.of(label("bag", 0.88), label("sneaker", 0.12)),
                List.of(),
                null,
                false,
                none);

        Reading reading = Result.of(answer).read(DEFAULT);

        assertThat(reading.recognised()).isTrue();
        assertThat(reading.top().label()).isEqualTo("bag");
        assertThat(reading.unknown()).isFalse();
        assertThat(reading.reject().reasons()).isEmpty();
    }

    @Test
    void theDefaultModelsAnswerIsNeitherUnknownNorCarriesARejection() {
        Reading reading =
                Result.of(answer(List.of(label("cat", 0.7)), List.of())).read(DEFAULT);

        assertThat(reading.unknown()).isFalse();
        assertThat(reading.reject()).isNull();
    }

    /** A stored result with labels l0, l1, ... and one object per label, with these scores. */
    private static Result stored(double... scores) {
        List<LabelScore> labels = new ArrayList<>();
        List<Detection> objects = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            labels.add(new LabelScore("l" + i, scores[i]));
            objects.add(new Detection("l" + i, scores[i], new Detection.Box(0, 0, 1, 1)));
        }
        return new Result(labels, objects);
    }

    private static Classified answer(List<LabelScore> labels, List<Detection> objects) {
        return new Classified(new ModelUsed("coco-centernet", "1", "detection"), labels, objects, null);
    }

    private static LabelScore label(String name, double score) {
        return new LabelScore(name, score);
    }

    private static Detection object(String name, double score) {
        return new Detection(name, score, new Detection.Box(1, 2, 3, 4));
    }
}
