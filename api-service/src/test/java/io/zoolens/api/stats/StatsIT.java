package io.zoolens.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.image.testing.TestImages;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsIT extends ApiIntegrationTest {

    @Test
    void statsCountLabelsAndComputeAccuracyFromFeedback() {
        Browser browser = signedIn("stats");
        byte[] person = TestImages.png(100, 120);
        classifier().answer(person, 200, "classify-person.json");
        String cat1 = upload(browser, TestImages.png(100, 100));
        String cat2 = upload(browser, TestImages.png(101, 100));
        upload(browser, TestImages.png(102, 100));
        String human = upload(browser, person);
        browser.putJson("/api/classifications/" + cat1 + "/feedback", Map.of("correct", true));
        browser.putJson("/api/classifications/" + cat2 + "/feedback", Map.of("correct", false, "label", "lynx"));
        browser.putJson("/api/classifications/" + human + "/feedback", Map.of("correct", true));
        signedIn("stats-other").upload(TestImages.png(103, 100));

        Response stats = browser.get("/api/stats");

        assertThat(stats.status()).isEqualTo(200);
        var totals = stats.json().path("totals");
        assertThat(totals.path("classifications").asInt()).isEqualTo(4);
        assertThat(totals.path("pending").asInt()).isZero();
        assertThat(totals.path("withFeedback").asInt()).isEqualTo(3);
        assertThat(totals.path("correct").asInt()).isEqualTo(2);
        assertThat(totals.path("accuracy").asDouble()).isEqualTo(2.0 / 3);
        var labels = stats.json().path("labels");
        assertThat(labels.get(0).path("label").asString()).isEqualTo("cat");
        assertThat(labels.get(0).path("count").asInt()).isEqualTo(3);
        assertThat(labels.get(0).path("withFeedback").asInt()).isEqualTo(2);
        assertThat(labels.get(0).path("accuracy").asDouble()).isEqualTo(0.5);
        assertThat(labels.get(1).path("label").asString()).isEqualTo("person");
        assertThat(labels.get(1).path("accuracy").asDouble()).isEqualTo(1.0);
        var model = stats.json().path("models").get(0);
        assertThat(model.path("name").asString()).isEqualTo("coco-centernet");
        assertThat(model.path("version").asString()).isEqualTo("1");
        assertThat(model.path("count").asInt()).isEqualTo(4);
        assertThat(model.path("correct").asInt()).isEqualTo(2);
        var days = stats.json().path("days");
        assertThat(days.size()).isEqualTo(30);
        var today = days.get(29);
        assertThat(today.path("date").asString())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(today.path("count").asInt()).isEqualTo(4);
        assertThat(today.path("correct").asInt()).isEqualTo(2);
        assertThat(today.path("wrong").asInt()).isEqualTo(1);
        assertThat(days.get(0).path("count").asInt()).isZero();
    }

    @Test
    void withoutFeedbackAccuracyIsNull() {
        Browser browser = signedIn("nofeedback");
        upload(browser, TestImages.png(104, 100));

        var stats = browser.get("/api/stats").json();

        assertThat(stats.path("totals").path("accuracy").isNull()).isTrue();
        assertThat(stats.path("labels").get(0).path("accuracy").isNull()).isTrue();
        assertThat(browser()
                        .get("/api/stats")
                        .json()
                        .path("totals")
                        .path("classifications")
                        .asInt())
                .isZero();
    }

    @Test
    void nothingFoundItemsHaveTheirOwnEntryAndTheirFeedbackStaysOutOfTheAccuracy() {
        Browser browser = signedIn("nothingstats");
        String cat = upload(browser, TestImages.png(105, 100));
        String flower = upload(browser, nothingFound(TestImages.png(106, 100)));
        String rocket = upload(browser, nothingFound(TestImages.png(107, 100)));
        upload(browser, nothingFound(TestImages.png(108, 100)));
        browser.putJson("/api/classifications/" + flower + "/feedback", Map.of("correct", true));
        browser.putJson("/api/classifications/" + rocket + "/feedback", Map.of("correct", false, "label", "rocket"));

        var stats = browser.get("/api/stats").json();

        var totals = stats.path("totals");
        assertThat(totals.path("classifications").asInt()).isEqualTo(4);
        assertThat(totals.path("recognised").asInt()).isEqualTo(1);
        assertThat(totals.path("nothingFound").asInt()).isEqualTo(3);
        assertThat(totals.path("failed").asInt()).isZero();
        assertThat(totals.path("withFeedback").asInt()).isEqualTo(2);
        assertThat(totals.path("nothingFoundWithFeedback").asInt()).isEqualTo(2);
        assertThat(totals.path("correct").asInt()).isZero();
        assertThat(totals.path("accuracy").isNull())
                .as("'right, nothing here' is not a correct recognition")
                .isTrue();
        var labels = stats.path("labels");
        assertThat(labels.size()).isEqualTo(2);
        assertThat(labels.get(0).path("label").asString()).isEqualTo("cat");
        assertThat(labels.get(0).path("nothingFound").asBoolean()).isFalse();
        var nothing = labels.get(1);
        assertThat(nothing.path("label").isNull()).isTrue();
        assertThat(nothing.path("nothingFound").asBoolean()).isTrue();
        assertThat(nothing.path("count").asInt()).isEqualTo(3);
        assertThat(nothing.path("withFeedback").asInt()).isEqualTo(2);
        assertThat(nothing.path("correct").asInt()).isEqualTo(1);
        assertThat(nothing.path("accuracy").isNull()).isTrue();
        assertThat(stats.path("models").get(0).path("count").asInt()).isEqualTo(4);
        assertThat(stats.path("models").get(0).path("accuracy").isNull()).isTrue();
        assertThat(stats.path("days").get(29).path("correct").asInt()).isZero();
        assertThat(stats.path("days").get(29).path("wrong").asInt()).isZero();

        browser.putJson("/api/classifications/" + cat + "/feedback", Map.of("correct", true));
        assertThat(browser.get("/api/stats")
                        .json()
                        .path("totals")
                        .path("accuracy")
                        .asDouble())
                .isEqualTo(1.0);
    }

    @Test
    void theLabelCountsAddUpToTheClassifiedItems() {
        Browser browser = signedIn("addup");
        byte[] person = TestImages.png(110, 101);
        byte[] coffee = TestImages.png(110, 102);
        classifier().answer(person, 200, "classify-person.json");
        classifier().answer(coffee, 200, "classify-coffee.json");
        List<byte[]> uploads = List.of(
                TestImages.png(110, 100),
                person,
                coffee,
                nothingFound(TestImages.png(110, 103)),
                TestImages.png(110, 104),
                nothingFound(TestImages.png(110, 105)));
        uploads.forEach(image -> upload(browser, image));
        classifier().stop();
        assertThat(browser.upload(TestImages.png(110, 106)).status())
                .as("one PENDING")
                .isEqualTo(202);

        var stats = browser.get("/api/stats").json();

        var totals = stats.path("totals");
        long done =
                totals.path("recognised").asLong() + totals.path("nothingFound").asLong();
        assertThat(done).isEqualTo(uploads.size());
        assertThat(totals.path("classifications").asLong())
                .isEqualTo(done
                        + totals.path("pending").asLong()
                        + totals.path("failed").asLong());
        assertThat(totals.path("pending").asInt()).isEqualTo(1);
        long perLabel = stats.path("labels")
                .valueStream()
                .mapToLong(label -> label.path("count").asLong())
                .sum();
        assertThat(perLabel).isEqualTo(done);
        assertThat(stats.path("labels")
                        .valueStream()
                        .map(label -> label.path("label").asString(null)))
                .containsExactly("cat", "cup", "person", null);
    }

    @Test
    void anUnknownAnswerOfACustomModelCountsAsNothingFoundNotAsItsBestGuess() {
        Browser browser = signedIn("unknownstats");
        byte[] photo = TestImages.png(111, 100);
        classifier().answer(photo, 200, "classify-unknown.json");
        upload(browser, photo);

        var stats = browser.get("/api/stats").json();

        assertThat(stats.path("totals").path("recognised").asInt()).isZero();
        assertThat(stats.path("totals").path("nothingFound").asInt()).isEqualTo(1);
        assertThat(stats.path("labels")
                        .valueStream()
                        .map(label -> label.path("label").asString(null)))
                .as("not counted as a 'bag'")
                .containsExactly((String) null);
    }

    private static byte[] nothingFound(byte[] image) {
        classifier().answer(image, 200, "classify-nothing.json");
        return image;
    }

    private static String upload(Browser browser, byte[] image) {
        Response response = browser.upload(image);
        assertThat(response.status()).isEqualTo(201);
        return response.json().path("id").asString();
    }
}
