package io.zoolens.stack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell examples of {@code docs/api.md}: every {@code ```bash} block, in order, split into commands (a line and
 * its {@code \} continuations). The comment lines right below a command (no blank line between) show its answer; a
 * status in them ({@code # 204}, {@code # HTTP/1.1 201}, {@code "status":403}) is the documented one, otherwise any
 * 2xx is. Placeholders such as {@code <id>} are filled from earlier answers, as {@link #PLACEHOLDERS} says.
 */
final class ApiDocsExamples {

    /** Where a placeholder's value comes from: field {@code field} of the latest 2xx answer to such a request. */
    record Source(String method, Pattern path, String field) {}

    /** The placeholders the examples may use, and nothing else. */
    static final Map<String, Source> PLACEHOLDERS = Map.of(
            "<id>", new Source("POST", Pattern.compile("/api/classifications"), "id"),
            "<album id>", new Source("POST", Pattern.compile("/api/albums"), "id"),
            // the album last changed: a second album's id while <album id> moves on to a newer one
            "<other album id>", new Source("PATCH", Pattern.compile("/api/albums/[^/]+"), "id"),
            "<model id>", new Source("POST", Pattern.compile("/api/custom-models"), "id"),
            "<user id>", new Source("POST", Pattern.compile("/api/auth/(login|register)"), "id"));

    /** One command of an example, where it is in the file, and the status the docs show for it (or null). */
    record Command(int line, String text, Integer documentedStatus) {

        boolean isCurl() {
            return CURL.matcher(text).find();
        }

        /** The method curl will use: {@code -X}, else POST with a body, else GET. */
        String method() {
            Matcher explicit = Pattern.compile("(?:^|\\s)-X\\s+([A-Z]+)").matcher(text);
            if (explicit.find()) {
                return explicit.group(1);
            }
            return Pattern.compile("(?:^|\\s)(-d|-F|--data\\S*|--form)\\s")
                            .matcher(text)
                            .find()
                    ? "POST"
                    : "GET";
        }

        /** The path after {@code $API}, without the query, or empty. */
        Optional<String> path() {
            Matcher url = Pattern.compile("\\$API(/[^\"'\\s?]*)").matcher(text);
            return url.find() ? Optional.of(url.group(1)) : Optional.empty();
        }

        /** The file of {@code -o FILE}, unless it is {@code /dev/null}. */
        Optional<String> outputFile() {
            Matcher output = Pattern.compile("(?:^|\\s)-o\\s+(\\S+)").matcher(text);
            return output.find() && !output.group(1).equals("/dev/null")
                    ? Optional.of(output.group(1))
                    : Optional.empty();
        }

        /** Whether curl writes the answer's headers to the output ({@code -D -}). */
        boolean dumpsHeaders() {
            return Pattern.compile("(?:^|\\s)-D\\s+-(?:\\s|$)").matcher(text).find();
        }

        /** Every {@code <placeholder>} in the command, in order. */
        Set<String> placeholders() {
            Set<String> found = new LinkedHashSet<>();
            Matcher matcher = PLACEHOLDER.matcher(text);
            while (matcher.find()) {
                found.add(matcher.group());
            }
            return found;
        }

        /** Files the command uploads ({@code -F image=@chelsea.png}). */
        Set<String> uploads() {
            Set<String> found = new LinkedHashSet<>();
            Matcher matcher = Pattern.compile("=@([\\w.-]+)").matcher(text);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            return found;
        }

        String summary() {
            String oneLine = text.replaceAll("\\\\\\n\\s*", " ").strip();
            return "api.md:" + line + " " + (oneLine.length() > 90 ? oneLine.substring(0, 90) + "…" : oneLine);
        }
    }

    private static final Pattern CURL = Pattern.compile("(?:^|[\\s;(])curl\\s");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z ]{0,30}>");
    private static final Pattern BARE_STATUS = Pattern.compile("^#\\s*(\\d{3})\\s*$");
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP/[\\d.]+\\s+(\\d{3})\\b");
    private static final Pattern JSON_STATUS = Pattern.compile("\"status\"\\s*:\\s*(\\d{3})\\b");

    private ApiDocsExamples() {}

    /** Every command of every {@code ```bash} block of a Markdown file, in order. */
    static List<Command> parse(List<String> markdown) {
        List<Command> commands = new ArrayList<>();
        boolean inBash = false;
        int i = 0;
        while (i < markdown.size()) {
            String line = markdown.get(i);
            if (!inBash) {
                inBash = line.strip().equals("```bash");
                i++;
                continue;
            }
            if (line.strip().startsWith("```")) {
                inBash = false;
                i++;
                continue;
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder(line);
            while (markdown.get(i).endsWith("\\") && i + 1 < markdown.size()) {
                i++;
                text.append('\n').append(markdown.get(i));
            }
            i++;
            List<String> answer = new ArrayList<>();
            while (i < markdown.size() && markdown.get(i).strip().startsWith("#")) {
                answer.add(markdown.get(i).strip());
                i++;
            }
            commands.add(new Command(start + 1, text.toString(), documentedStatus(answer)));
        }
        return commands;
    }

    private static Integer documentedStatus(List<String> answer) {
        for (String line : answer) {
            for (Pattern pattern : List.of(BARE_STATUS, HTTP_STATUS, JSON_STATUS)) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Integer.valueOf(matcher.group(1));
                }
            }
        }
        return null;
    }
}
