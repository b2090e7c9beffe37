package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of a {@code .dockerignore} file, applied the way Docker applies them (moby's patternmatcher, which
 * BuildKit uses): lines trimmed, {@code #} comments and blank lines skipped, {@code !} makes an exception; a
 * pattern is cleaned like a path (leading {@code /}, {@code ./} and trailing {@code /} dropped) and matches a path
 * when it matches the path itself or one of its parent folders; the last matching line decides. Globs are Go's
 * {@code filepath.Match} plus {@code **}: {@code *} and {@code ?} stop at {@code /}, {@code **} crosses folders and
 * {@code **}{@code /} matches no folder too. No Java library implements these rules (docker-java's matcher lacks
 * {@code **}), hence this class.
 */
final class DockerIgnore {

    private record Rule(String text, Pattern pattern, boolean exception) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * What BuildKit reads for a build: {@code <Dockerfile>.dockerignore} beside the Dockerfile when there is one,
     * else {@code .dockerignore} at the root of the build context, else nothing.
     */
    static DockerIgnore forBuild(Path context, Path dockerfile) {
        Path specific = dockerfile.resolveSibling(dockerfile.getFileName() + ".dockerignore");
        Path file = Files.isRegularFile(specific) ? specific : context.resolve(".dockerignore");
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file)) : parse("");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DockerIgnore parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = clean(exception ? line.substring(1).strip() : line);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException(".dockerignore: illegal line " + raw);
            }
            rules.add(new Rule(pattern, Pattern.compile(regex(pattern)), exception));
        }
        return new DockerIgnore(List.copyOf(rules));
    }

    /** Whether {@code path} (relative to the context root, {@code /}-separated) is left out of the context. */
    boolean excludes(String path) {
        String cleaned = clean(path);
        boolean excluded = false;
        for (Rule rule : rules) {
            if (matchesItselfOrAParent(rule.pattern(), cleaned)) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    /** Without exceptions, nothing below an excluded folder can come back, so a walk may skip the folder. */
    boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    private static boolean matchesItselfOrAParent(Pattern pattern, String path) {
        String candidate = path;
        while (true) {
            if (pattern.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    /** Go's filepath.Clean on a relative path, with a leading "/" dropped (the context root is "/" as well). */
    static String clean(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static String regex(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                            i++;
                            regex.append("(?:.*/)?");
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> i = characterClass(pattern, i, regex);
                case '\\' -> {
                    if (++i == pattern.length()) {
                        throw new IllegalArgumentException(".dockerignore: trailing \\ in " + pattern);
                    }
                    regex.append(Pattern.quote(String.valueOf(pattern.charAt(i))));
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    /** {@code [abc]}, {@code [a-z]}, {@code [^a]}: letters, digits, '.', '_' and ranges only. */
    private static int characterClass(String pattern, int open, StringBuilder regex) {
        int close = pattern.indexOf(']', open + 1);
        String body = close < 0 ? "" : pattern.substring(open + 1, close);
        if (!body.matches("\\^?[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException(".dockerignore: character class not understood in " + pattern);
        }
        // as in Go, a negated class never matches the separator
        regex.append(body.startsWith("^") ? "[" + body + "/]" : "[" + body + "]");
        return close;
    }

    @Override
    public String toString() {
        return rules.stream()
                .map(rule -> (rule.exception() ? "!" : "") + rule.text())
                .toList()
                .toString();
    }
}
