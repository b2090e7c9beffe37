package io.zoolens.api.albumimport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What becomes of each name in an archive's directory, decided from the names alone before any byte is read:
 * a picture for the album named after its folder, an entry skipped with a reason, or nothing (folders and the
 * noise that zippers and file managers add). The rules (docs/api.md, "Importing albums"):
 *
 * <ul>
 *   <li>{@code unsafe-path}: absolute names ({@code /x}, {@code C:x}, {@code \x}), {@code .} or {@code ..}
 *       segments, empty segments, NUL; backslashes count as separators (Windows zippers);
 *   <li>ignored: folders, anything under {@code __MACOSX/}, dot-files and dot-folders, {@code Thumbs.db},
 *       {@code desktop.ini};
 *   <li>one wrapper folder that holds every picture and no picture of its own (what zipping a folder makes) is
 *       dropped, so {@code animals/cats/1.jpg} imports like {@code cats/1.jpg};
 *   <li>{@code not-in-a-folder}: a file at the top level; {@code nested-folder}: a file deeper than one folder;
 *   <li>{@code bad-folder-name}: a folder whose name is blank or longer than an album name may be (100) once
 *       control and bidirectional-override characters are removed.
 * </ul>
 */
final class EntryPlan {

    static final int MAX_ALBUM_NAME = 100;
    private static final int MAX_FILENAME = 200;
    private static final Set<String> NOISE = Set.of("thumbs.db", "desktop.ini", "__macosx");
    // The same characters the single upload drops from file names: they only serve to disguise a name.
    private static final Pattern DISGUISING =
            Pattern.compile("[\\p{Cntrl}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private EntryPlan() {}

    /** One entry's fate, in archive order; {@code name} is the entry's name as the archive has it. */
    sealed interface Item permits Picture, Skipped {
        String name();
    }

    /** A file to import into the album {@code folder} (a valid album name) under {@code filename}. */
    record Picture(String name, String folder, String filename) implements Item {}

    record Skipped(String name, String reason, String detail) implements Item {}

    /** The plan for the entries {@code names} (folders end in {@code /}); ignored entries are left out. */
    static List<Item> of(List<String> names) {
        List<Candidate> candidates = new ArrayList<>();
        for (String name : names) {
            String unified = name.replace('\\', '/');
            if (unified.endsWith("/")) {
                continue;
            }
            if (unsafe(unified)) {
                candidates.add(new Candidate(name, null));
                continue;
            }
            String[] segments = unified.split("/");
            if (!noise(segments)) {
                candidates.add(new Candidate(name, segments));
            }
        }
        int drop = wrapperFolder(candidates) ? 1 : 0;
        List<Item> plan = new ArrayList<>();
        for (Candidate candidate : candidates) {
            plan.add(
                    candidate.segments() == null
                            ? new Skipped(
                                    candidate.name(),
                                    "unsafe-path",
                                    "Absolute names and names with . or .. segments are not imported.")
                            : place(candidate.name(), candidate.segments(), drop));
        }
        return plan;
    }

    /** A file that is not ignored; {@code segments} null for an unsafe name. */
    private record Candidate(String name, String[] segments) {}

    private static Item place(String name, String[] segments, int drop) {
        int depth = segments.length - drop;
        if (depth == 1) {
            return new Skipped(
                    name,
                    "not-in-a-folder",
                    "Put pictures into a folder per album; files at the top level are not imported.");
        }
        if (depth > 2) {
            return new Skipped(name, "nested-folder", "Only one level of folders is imported: one folder per album.");
        }
        String folder = plain(segments[drop]);
        if (folder.isEmpty() || folder.length() > MAX_ALBUM_NAME) {
            return new Skipped(
                    name, "bad-folder-name", "A folder name must have 1 to " + MAX_ALBUM_NAME + " characters.");
        }
        String file = plain(segments[drop + 1]);
        if (file.length() > MAX_FILENAME) {
            file = file.substring(
                    0, Character.isHighSurrogate(file.charAt(MAX_FILENAME - 1)) ? MAX_FILENAME - 1 : MAX_FILENAME);
        }
        return new Picture(name, folder, file.isEmpty() ? null : file);
    }

    /** Every kept file lies in one and the same folder, below a subfolder of it. */
    private static boolean wrapperFolder(List<Candidate> candidates) {
        String first = null;
        boolean any = false;
        for (Candidate candidate : candidates) {
            String[] segments = candidate.segments();
            if (segments == null) {
                continue;
            }
            if (segments.length < 3 || (first != null && !first.equals(segments[0]))) {
                return false;
            }
            first = segments[0];
            any = true;
        }
        return any;
    }

    private static boolean unsafe(String name) {
        if (name.isEmpty()
                || name.startsWith("/")
                || name.indexOf('\0') >= 0
                || (name.length() >= 2 && name.charAt(1) == ':' && Character.isLetter(name.charAt(0)))) {
            return true;
        }
        String folderless = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String segment : folderless.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static boolean noise(String[] segments) {
        for (String segment : segments) {
            if (segment.startsWith(".") || NOISE.contains(segment.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static String plain(String segment) {
        return DISGUISING.matcher(segment).replaceAll("").strip();
    }
}
