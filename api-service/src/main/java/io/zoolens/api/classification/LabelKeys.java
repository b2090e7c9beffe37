package io.zoolens.api.classification;

import io.zoolens.api.classifier.LabelScore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The label search: each classification stores {@code labelKeys}, the lower-case labels it answers to (the labels
 * shown at its upload's thresholds and the label given in feedback) and every word of them; a query matches
 * when one key starts with it or with it without a plural ending. An anchored prefix on an indexed array, so the
 * same query runs on the embedded wire server and uses the index on real MongoDB.
 */
final class LabelKeys {

    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\s\\p{Punct}]+");
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");
    /** A singular shorter than this ("bu" from "bus") would match far too much. */
    private static final int MIN_SINGULAR_LENGTH = 3;

    private LabelKeys() {}

    /** The keys of an item: its labels at upload thresholds, the feedback label, and each of their words. */
    static List<String> of(Collection<LabelScore> shownLabels, String feedbackLabel) {
        Set<String> keys = new LinkedHashSet<>();
        shownLabels.forEach(label -> add(keys, label.label()));
        add(keys, feedbackLabel);
        return List.copyOf(keys);
    }

    private static void add(Set<String> keys, String label) {
        String key = normalized(label);
        if (key.isEmpty()) {
            return;
        }
        keys.add(key);
        for (String word : WORD_SEPARATORS.split(key)) {
            if (!word.isEmpty()) {
                keys.add(word);
            }
        }
    }

    /**
     * Anchored patterns for a query: the query itself and its singular forms ("horses" also as "horse" and
     * "hors", "puppies" as "puppy"), each as {@code ^prefix} with regex characters escaped. Empty for a blank query.
     */
    static List<String> prefixPatterns(String query) {
        String q = normalized(query);
        if (q.isEmpty()) {
            return List.of();
        }
        Set<String> prefixes = new LinkedHashSet<>();
        prefixes.add(q);
        if (q.endsWith("ies")) {
            singular(prefixes, q.substring(0, q.length() - 3) + "y");
        }
        if (q.endsWith("es")) {
            singular(prefixes, q.substring(0, q.length() - 2));
        }
        if (q.endsWith("s")) {
            singular(prefixes, q.substring(0, q.length() - 1));
        }
        List<String> patterns = new ArrayList<>();
        prefixes.forEach(
                prefix -> patterns.add("^" + REGEX_SPECIAL.matcher(prefix).replaceAll("\\\\$0")));
        return List.copyOf(patterns);
    }

    private static void singular(Set<String> prefixes, String candidate) {
        if (candidate.length() >= MIN_SINGULAR_LENGTH) {
            prefixes.add(candidate);
        }
    }

    /** Lower case, trimmed, inner spaces collapsed. */
    static String normalized(String label) {
        return label == null ? "" : label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
