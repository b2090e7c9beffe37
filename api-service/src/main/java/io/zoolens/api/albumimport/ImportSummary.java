package io.zoolens.api.albumimport;

import java.util.List;

/**
 * What an import did: the albums it filled, how many pictures it stored, every entry it skipped and why, and how
 * many of the stored pictures wait for the classifier ({@code PENDING}).
 */
record ImportSummary(List<AlbumResult> albums, int imported, List<SkippedEntry> skipped, int pending) {

    /**
     * An album the import put pictures into, or found by name.
     *
     * @param created true when the import made it, false when an album of that name (ignoring case) was there
     * @param imported pictures stored into it
     * @param skipped entries of its folder that were not
     */
    record AlbumResult(String id, String name, boolean created, int imported, int skipped) {}

    /**
     * An entry that was not imported.
     *
     * @param entry its name in the archive
     * @param reason a stable slug: an upload's problem type ({@code unsupported-image}, {@code rate-limited}, ...)
     *     or one of the archive rules ({@code unsafe-path}, {@code nested-folder}, {@code decompression-bomb}, ...)
     * @param detail a sentence for people
     */
    record SkippedEntry(String entry, String reason, String detail) {}
}
