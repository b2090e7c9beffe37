package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classifier.LabelScore;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The label search's keys and how a query becomes anchored prefixes. */
class LabelKeysTests {

    @Test
    void keysAreTheShownLabelsTheirWordsAndTheFeedbackLabelInLowerCase() {
        List<String> keys =
                LabelKeys.of(List.of(new LabelScore("Wine Glass", 0.8), new LabelScore("cat", 0.4)), "  Tabby  Cat ");

        assertThat(keys).containsExactly("wine glass", "wine", "glass", "cat", "tabby cat", "tabby");
    }

    @Test
    void noLabelsAndNoFeedbackGiveNoKeys() {
        assertThat(LabelKeys.of(List.of(), null)).isEmpty();
        assertThat(LabelKeys.of(List.of(), "  ")).isEmpty();
    }

    @Test
    void horseIsFoundByItsCapitalisedNameAPrefixAndItsPlural() {
        List<String> keys = LabelKeys.of(List.of(new LabelScore("horse", 0.9)), null);

        for (String query : List.of("horse", "Horse", "hor", "horses", "HORSES ")) {
            assertThat(matches(query, keys)).as(query).isTrue();
        }
        assertThat(matches("horn", keys)).isFalse();
        assertThat(matches("orse", keys)).as("anchored: no match inside a word").isFalse();
    }

    @Test
    void aWordOfALabelIsEnough() {
        List<String> keys = LabelKeys.of(List.of(new LabelScore("wine glass", 0.9)), null);

        assertThat(matches("glass", keys)).isTrue();
        assertThat(matches("glasses", keys)).isTrue();
        assertThat(matches("wine gl", keys)).isTrue();
    }

    @Test
    void pluralEndingsAreDroppedButNotDownToTwoLetters() {
        assertThat(LabelKeys.prefixPatterns("horses")).containsExactly("^horses", "^hors", "^horse");
        assertThat(LabelKeys.prefixPatterns("puppies")).containsExactly("^puppies", "^puppy", "^puppi", "^puppie");
        assertThat(LabelKeys.prefixPatterns("bus")).containsExactly("^bus");
        assertThat(LabelKeys.prefixPatterns(" ")).isEmpty();
        assertThat(LabelKeys.prefixPatterns(null)).isEmpty();
    }

    @Test
    void regexCharactersInAQueryAreLiteral() {
        List<String> patterns = LabelKeys.prefixPatterns("a.*(b");

        assertThat(patterns).containsExactly("^a\\.\\*\\(b");
        assertThat(matches(".*", LabelKeys.of(List.of(new LabelScore("cat", 1)), null)))
                .isFalse();
    }

    private static boolean matches(String query, List<String> keys) {
        return LabelKeys.prefixPatterns(query).stream()
                .map(Pattern::compile)
                .anyMatch(pattern ->
                        keys.stream().anyMatch(key -> pattern.matcher(key).find()));
    }
}
