package io.zoolens.api.albumimport;

/**
 * The lines of the streamed answer ({@code Accept: application/x-ndjson}): a {@code progress} line after each
 * entry, then one {@code summary} line, or one {@code problem} line when the import broke off. {@code type} tells
 * them apart.
 */
sealed interface ImportProgress {

    String type();

    /**
     * @param done entries dealt with so far (imported or skipped), out of {@code total}
     */
    record Progress(String type, int done, int total, int imported, int skipped) implements ImportProgress {
        Progress(int done, int total, int imported, int skipped) {
            this("progress", done, total, imported, skipped);
        }
    }

    record Finished(String type, ImportSummary summary) implements ImportProgress {
        Finished(ImportSummary summary) {
            this("summary", summary);
        }
    }

    /** What the problem+json answer would have said, had the answer not begun yet. */
    record BrokenOff(String type, Object problem) implements ImportProgress {
        BrokenOff(Object problem) {
            this("problem", problem);
        }
    }
}
