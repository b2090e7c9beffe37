package io.zoolens.classifier.training;

import java.util.List;

/** A training names pictures whose features are not cached: send them to the features endpoint first (409). */
public class FeaturesMissingException extends RuntimeException {

    private final List<String> missing;

    FeaturesMissingException(List<String> missing) {
        super(missing.size() + " picture(s) have no cached features for this backbone version; send them to"
                + " POST /v1/features/{owner} first");
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
