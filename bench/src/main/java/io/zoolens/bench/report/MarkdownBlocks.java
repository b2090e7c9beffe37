package io.zoolens.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Generated blocks inside hand-written Markdown: the text between {@code <!-- <name>:start -->} and
 * {@code <!-- <name>:end -->} is replaced, everything around it is kept. A missing block is appended; a missing file
 * is created from a skeleton.
 */
public final class MarkdownBlocks {

    private MarkdownBlocks() {}

    public static String start(String name) {
        return "<!-- " + name + ":start (generated; edits up to the end marker are overwritten) -->";
    }

    public static String end(String name) {
        return "<!-- " + name + ":end -->";
    }

    /** The document with the block's content replaced (or the block appended). */
    public static String replace(String document, String name, String content) {
        String startPrefix = "<!-- " + name + ":start";
        String endMarker = end(name);
        String block = start(name) + "\n" + content.strip() + "\n" + endMarker;
        int start = document.indexOf(startPrefix);
        int end = start < 0 ? -1 : document.indexOf(endMarker, start);
        if (start < 0 || end < 0) {
            String base = document.isEmpty() || document.endsWith("\n\n")
                    ? document
                    : document.endsWith("\n") ? document + "\n" : document + "\n\n";
            return base + block + "\n";
        }
        return document.substring(0, start) + block + document.substring(end + endMarker.length());
    }

    /** Writes the block into the file, creating the file from {@code skeleton} when it does not exist. */
    public static void write(Path file, String name, String content, String skeleton) {
        try {
            String document = Files.isRegularFile(file) ? Files.readString(file) : skeleton;
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temporary, replace(document, name, content));
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
