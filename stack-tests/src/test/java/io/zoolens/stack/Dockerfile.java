package io.zoolens.stack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A Dockerfile as BuildKit reads it: parser directives and comments dropped, continuation lines joined, the
 * instructions grouped into stages. Only what {@link ImageBuild} and the static checks need; no heredocs and no
 * {@code # escape=} directive (neither is used here; {@link ImageBuild} refuses what it does not know).
 *
 * @param globalArgs the ARGs before the first FROM, with their defaults (null: none)
 */
record Dockerfile(Map<String, String> globalArgs, List<Stage> stages) {

    /** One instruction; {@code flags} are its leading {@code --name=value} words, {@code arguments} the rest. */
    record Instruction(int line, String keyword, List<String> flags, String arguments) {

        Optional<String> flag(String name) {
            return flags.stream()
                    .filter(flag -> flag.startsWith("--" + name + "="))
                    .map(flag -> flag.substring(name.length() + 3))
                    .findFirst();
        }

        List<String> words() {
            return arguments.isBlank()
                    ? List.of()
                    : Arrays.asList(arguments.strip().split("\\s+"));
        }

        @Override
        public String toString() {
            return "line " + line + ": " + keyword + (flags.isEmpty() ? "" : " " + String.join(" ", flags)) + " "
                    + arguments;
        }
    }

    /** A FROM and what follows it; {@code name} is null for a stage without {@code AS}. */
    record Stage(int index, String name, String from, List<Instruction> instructions) {

        boolean isNamed(String reference) {
            return reference.equals(String.valueOf(index)) || reference.equalsIgnoreCase(name);
        }

        @Override
        public String toString() {
            return name != null ? name : "stage " + index;
        }
    }

    static Dockerfile parse(String text) {
        Map<String, String> globalArgs = new LinkedHashMap<>();
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (Instruction instruction : instructions(text)) {
            if (instruction.keyword().equals("FROM")) {
                List<String> words = instruction.words();
                String name = words.size() == 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
                if (words.size() != 1 && name == null) {
                    throw new IllegalArgumentException("cannot read " + instruction);
                }
                current = new ArrayList<>();
                stages.add(new Stage(stages.size(), name, words.get(0), current));
            } else if (current == null && instruction.keyword().equals("ARG")) {
                String[] arg = instruction.arguments().strip().split("=", 2);
                globalArgs.put(arg[0], arg.length == 2 ? arg[1] : null);
            } else if (current == null) {
                throw new IllegalArgumentException("only ARG may come before the first FROM: " + instruction);
            } else {
                current.add(instruction);
            }
        }
        return new Dockerfile(globalArgs, List.copyOf(stages));
    }

    Stage stage(String reference) {
        return stages.stream()
                .filter(stage -> stage.isNamed(reference))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage " + reference));
    }

    boolean hasStage(String reference) {
        return stages.stream().anyMatch(stage -> stage.isNamed(reference));
    }

    private static List<Instruction> instructions(String text) {
        List<Instruction> result = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        int start = 0;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            // Comment lines (parser directives included) are dropped, also inside a continued instruction.
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (logical.isEmpty()) {
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            result.add(instruction(start, logical.toString().strip()));
            logical.setLength(0);
        }
        if (!logical.isEmpty()) {
            result.add(instruction(start, logical.toString().strip()));
        }
        return result;
    }

    private static Instruction instruction(int line, String text) {
        String[] parts = text.split("\\s+", 2);
        String keyword = parts[0].toUpperCase(Locale.ROOT);
        String rest = parts.length == 2 ? parts[1] : "";
        List<String> flags = new ArrayList<>();
        while (rest.startsWith("--")) {
            String[] split = rest.split("\\s+", 2);
            flags.add(split[0]);
            rest = split.length == 2 ? split[1] : "";
        }
        return new Instruction(line, keyword, List.copyOf(flags), rest);
    }
}
