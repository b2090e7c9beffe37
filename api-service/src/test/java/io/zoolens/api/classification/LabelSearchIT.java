package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Pages;
import io.zoolens.image.testing.TestImages;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/classifications?label=…} over HTTP: any case, word prefixes, plurals, feedback labels. */
class LabelSearchIT extends ApiIntegrationTest {

    @Test
    void labelsAreFoundInAnyCaseByWordPrefixAndPlural() {
        Browser browser = signedIn("search");
        byte[] coffee = TestImages.png(80, 61);
        byte[] person = TestImages.png(80, 62);
        classifier().answer(coffee, 200, "classify-coffee.json");
        classifier().answer(person, 200, "classify-person.json");
        String cat = ClassificationIT.upload(browser, TestImages.png(80, 60));
        String cup = ClassificationIT.upload(browser, coffee);
        String human = ClassificationIT.upload(browser, person);
        byte[] flower = TestImages.png(80, 63);
        classifier().answer(flower, 200, "classify-nothing.json");
        String horse = ClassificationIT.upload(browser, flower);
        browser.putJson("/api/classifications/" + horse + "/feedback", Map.of("correct", false, "label", "horse"));

        assertThat(Pages.listed(browser, "label=Cat")).containsExactly(cat);
        assertThat(Pages.listed(browser, "label=cats")).containsExactly(cat);
        assertThat(Pages.listed(browser, "label=ca")).containsExactly(cat);
        assertThat(Pages.listed(browser, "label=table")).containsExactly(cup);
        assertThat(Pages.listed(browser, "label=Dining%20Tables")).containsExactly(cup);
        assertThat(Pages.listed(browser, "label=cup")).containsExactly(cup);
        assertThat(Pages.listed(browser, "label=PERSON")).containsExactly(human);
        assertThat(Pages.listed(browser, "label=Horse")).containsExactly(horse);
        assertThat(Pages.listed(browser, "label=hor")).containsExactly(horse);
        assertThat(Pages.listed(browser, "label=horses")).containsExactly(horse);
        assertThat(Pages.listed(browser, "label=tie"))
                .as("tie scored 0.295, under the threshold")
                .isEmpty();
        assertThat(Pages.listed(browser, "label=bus")).isEmpty();
        assertThat(Pages.listed(browser, "label=.*")).isEmpty();
        assertThat(Pages.listed(signedIn("search-other"), "label=cat")).isEmpty();
    }
}
