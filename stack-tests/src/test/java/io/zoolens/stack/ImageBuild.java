package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds an image from its Dockerfile without a Docker engine, as close to BuildKit as files and processes allow,
 * so that a build that needs a file its Dockerfile does not copy fails in the tests, not at {@code docker compose
 * up --build}:
 *
 * <ul>
 *   <li>Only the stages the target needs run (its FROM chain and COPY --from), each in a folder of its own that
 *       stands for its file system. FROM an image starts empty: the image's tools (JDK, Node, Nginx) are the
 *       host's. FROM a stage starts with a copy of that stage.
 *   <li>COPY and ADD copy exactly the files they name from the build context, minus what .dockerignore leaves
 *       out; a missing or ignored source fails the build. COPY --from=stage copies from that stage's folder;
 *       COPY --from=image (or a stage that is only FROM image) is a tool again, taken from the host.
 *   <li>RUN runs {@code /bin/sh -c} in the stage's working folder, with the host's environment, JAVA_HOME's bin
 *       first on PATH, the caller's settings and the stage's ARG and ENV values. Absolute paths in the command
 *       outside the system folders ({@link StageFiles#SYSTEM_FOLDERS}) move into the stage's folder. RUNs before
 *       the stage's first COPY (from the context or a stage) only install tools, users and links; they are not
 *       run.
 *   <li>A cache mount is the host's matching cache: below /root the same place in the user's home (~/.m2,
 *       ~/.npm), below the working folder the same place in the context (.cache/npm), else an empty folder.
 * </ul>
 *
 * Everything a build prints goes to {@code log}; a failure names the instruction and quotes the log's end.
 */
final class ImageBuild {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> METADATA =
            Set.of("USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT", "CMD", "VOLUME", "STOPSIGNAL", "LABEL");
    private static final Pattern VARIABLE =
            Pattern.compile("\\\\\\$|\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    /** What a build is: the context, the Dockerfile, its --build-arg values and the extra RUN environment. */
    record Settings(Path context, Path dockerfile, Map<String, String> buildArgs, Map<String, String> environment) {}

    /** One stage under construction: its files, working folder and ARG/ENV values. */
    private static final class Stage {
        final StageFiles files;
        String workdir = "/";
        final Map<String, String> values = new LinkedHashMap<>();
        boolean hasContent;

        Stage(Path root) {
            files = new StageFiles(root);
        }
    }

    private final Settings settings;
    private final Dockerfile dockerfile;
    private final DockerIgnore ignore;
    private final Path work;
    private final Path log;
    private final Map<Integer, Stage> built = new HashMap<>();

    ImageBuild(Settings settings, Path work, Path log) {
        this.settings = settings;
        this.dockerfile = Dockerfile.parse(read(settings.dockerfile()));
        this.ignore = DockerIgnore.forBuild(settings.context(), settings.dockerfile());
        this.work = work;
        this.log = log;
    }

    /** Builds the stages {@code target} (null: the last stage) needs; returns the folder of its file system. */
    Path build(String target) {
        Dockerfile.Stage last =
                target == null ? dockerfile.stages().get(dockerfile.stages().size() - 1) : dockerfile.stage(target);
        for (int index : needed(last)) {
            Dockerfile.Stage stage = dockerfile.stages().get(index);
            built.put(index, build(stage));
        }
        return built.get(last.index()).files.root();
    }

    private Set<Integer> needed(Dockerfile.Stage target) {
        Set<Integer> needed = new TreeSet<>();
        List<Dockerfile.Stage> todo = new ArrayList<>(List.of(target));
        while (!todo.isEmpty()) {
            Dockerfile.Stage stage = todo.remove(todo.size() - 1);
            if (!needed.add(stage.index())) {
                continue;
            }
            List<String> references = new ArrayList<>(List.of(from(stage)));
            stage.instructions().forEach(i -> i.flag("from").ifPresent(references::add));
            references.stream()
                    .filter(this::isBuiltStage)
                    .map(dockerfile::stage)
                    .forEach(todo::add);
        }
        return needed;
    }

    /** A stage with instructions of its own; a bare {@code FROM image AS name} only names the image. */
    private boolean isBuiltStage(String reference) {
        return dockerfile.hasStage(reference)
                && !dockerfile.stage(reference).instructions().isEmpty();
    }

    private String from(Dockerfile.Stage stage) {
        Map<String, String> globals = new HashMap<>();
        dockerfile.globalArgs().forEach((name, value) -> {
            String given = settings.buildArgs().getOrDefault(name, value);
            if (given != null) {
                globals.put(name, given);
            }
        });
        return expand(stage.from(), globals);
    }

    private Stage build(Dockerfile.Stage definition) {
        String from = from(definition);
        Stage stage = new Stage(
                work.resolve(definition.index() + (definition.name() == null ? "" : "-" + definition.name())));
        if (isBuiltStage(from)) {
            Stage parent = built.get(dockerfile.stage(from).index());
            stage.files.copyAllOf(parent.files);
            stage.workdir = parent.workdir;
            stage.values.putAll(parent.values);
            stage.hasContent = parent.hasContent;
        }
        note("== " + definition + ": FROM " + from);
        for (Dockerfile.Instruction instruction : definition.instructions()) {
            try {
                apply(stage, instruction);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        settings.dockerfile() + " " + instruction + "\n" + e.getMessage() + tailOfLog(), e);
            }
        }
        return stage;
    }

    private void apply(Stage stage, Dockerfile.Instruction instruction) {
        switch (instruction.keyword()) {
            case "WORKDIR" -> {
                stage.workdir = "/" + DockerIgnore.clean(resolveAgainst(stage, expand(instruction, stage)));
                stage.files.resolve(stage.workdir, "/").toFile().mkdirs();
            }
            case "ARG" -> {
                String[] arg = instruction.arguments().strip().split("=", 2);
                String fallback =
                        arg.length == 2 ? arg[1] : dockerfile.globalArgs().get(arg[0]);
                String value = settings.buildArgs().getOrDefault(arg[0], fallback);
                if (value != null) {
                    stage.values.put(arg[0], value);
                }
            }
            case "ENV" -> stage.values.putAll(environmentValues(instruction, stage));
            case "COPY", "ADD" -> copy(stage, instruction);
            case "RUN" -> run(stage, instruction);
            default -> {
                if (!METADATA.contains(instruction.keyword())) {
                    throw new IllegalStateException("not emulated: " + instruction.keyword());
                }
            }
        }
    }

    private void copy(Stage stage, Dockerfile.Instruction copy) {
        for (String flag : copy.flags()) {
            if (!flag.startsWith("--from=") && !flag.startsWith("--chown=") && !flag.equals("--link")) {
                throw new IllegalStateException("not emulated: " + flag);
            }
        }
        String from = copy.flag("from").orElse(null);
        if (from != null && !isBuiltStage(from)) {
            note("-- " + copy + "  (from an image: the host's own tool is used)");
            return;
        }
        List<String> words = copyArguments(copy, stage);
        if (words.size() < 2) {
            throw new IllegalStateException("COPY needs a source and a destination");
        }
        String destinationText = words.get(words.size() - 1);
        List<String> sources = words.subList(0, words.size() - 1);
        Path destination = stage.files.resolve(destinationText, stage.workdir);
        boolean intoFolder = destinationText.endsWith("/") || destinationText.endsWith("/.") || sources.size() > 1;
        note("-- " + copy);
        for (String source : sources) {
            if (from != null) {
                stage.files.copyFromStage(
                        built.get(dockerfile.stage(from).index()).files, source, destination, intoFolder);
            } else {
                if (copy.keyword().equals("ADD")
                        && (source.contains("://") || source.matches(".*\\.(tar|tgz|gz|xz|bz2|zst)$"))) {
                    throw new IllegalStateException("not emulated: ADD of a URL or an archive");
                }
                stage.files.copyFromContext(settings.context(), ignore, source, destination, intoFolder);
            }
        }
        stage.hasContent = true;
    }

    private void run(Stage stage, Dockerfile.Instruction run) {
        if (!stage.hasContent) {
            note("-- " + run + "  (sets up the image's tools before any file arrives: not run, the host's are used)");
            return;
        }
        Map<String, Path> mounts = new LinkedHashMap<>();
        List<Path> mountPoints = new ArrayList<>();
        for (String flag : run.flags()) {
            if (!flag.startsWith("--mount=")) {
                throw new IllegalStateException("not emulated: " + flag);
            }
            cacheMount(stage, flag.substring("--mount=".length()), mounts, mountPoints);
        }
        String command = stage.files.rewrite(run.arguments(), mounts);
        note("-- " + run + "\n   as: " + command);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(name -> name.startsWith("MAVEN_"));
        String javaHome = environment.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            environment.put("PATH", javaHome + "/bin:" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
        }
        environment.putAll(settings.environment());
        stage.values.forEach((name, value) -> environment.put(name, stage.files.rewrite(value, mounts)));
        long started = System.nanoTime();
        try {
            int exit = execute(command, stage.files.resolve(stage.workdir, "/"), environment);
            note(String.format(Locale.ROOT, "   exit %d after %.1f s", exit, (System.nanoTime() - started) / 1e9));
            if (exit != 0) {
                throw new IllegalStateException("RUN exited with " + exit);
            }
        } finally {
            for (Path mountPoint : mountPoints) {
                deleteLink(mountPoint);
            }
        }
    }

    /**
     * {@code type=cache,target=...}: below /root the user's home; below the working folder the context; else an
     * empty folder. The last two are linked into the stage's folder for the RUN and leave an empty mount point.
     */
    private void cacheMount(Stage stage, String options, Map<String, Path> mounts, List<Path> mountPoints) {
        Map<String, String> option = new HashMap<>();
        for (String part : options.split(",")) {
            String[] pair = part.split("=", 2);
            option.put(pair[0], pair.length == 2 ? pair[1] : "true");
        }
        String target = option.get("target") != null ? option.get("target") : option.get("dst");
        if (!"cache".equals(option.get("type")) || target == null) {
            throw new IllegalStateException("not emulated: --mount=" + options);
        }
        target = "/" + DockerIgnore.clean(resolveAgainst(stage, target));
        String workdir = stage.workdir.equals("/") ? "/" : stage.workdir + "/";
        Path host;
        if (target.equals("/root") || target.startsWith("/root/")) {
            mounts.put(
                    target, Path.of(System.getProperty("user.home")).resolve(DockerIgnore.clean(target.substring(5))));
            return;
        } else if (target.startsWith(workdir)) {
            host = settings.context().resolve(target.substring(workdir.length()));
        } else {
            host = work.resolve("caches").resolve(DockerIgnore.clean(target));
        }
        Path mountPoint = stage.files.resolve(target, "/");
        try {
            Files.createDirectories(host);
            if (Files.exists(mountPoint)) {
                throw new IllegalStateException("not emulated: a cache mount over existing files at " + target);
            }
            Files.createDirectories(mountPoint.getParent());
            Files.createSymbolicLink(mountPoint, host.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mounts.put(target, host.toAbsolutePath());
        mountPoints.add(mountPoint);
    }

    private int execute(String command, Path directory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(RUN_TIMEOUT.toMinutes(), TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("RUN did not finish within " + RUN_TIMEOUT);
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> copyArguments(Dockerfile.Instruction copy, Stage stage) {
        String arguments = copy.arguments().strip();
        if (arguments.startsWith("[")) {
            return List.of(JSON.readValue(arguments, String[].class)).stream()
                    .map(word -> expand(word, stage.values))
                    .toList();
        }
        return copy.words().stream().map(word -> expand(word, stage.values)).toList();
    }

    /** ENV a=1 b="two words" (or the old ENV name value), values expanded with the stage's values so far. */
    private static Map<String, String> environmentValues(Dockerfile.Instruction env, Stage stage) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> words = shellWords(env.arguments());
        if (!words.isEmpty() && !words.get(0).contains("=")) {
            values.put(
                    words.get(0),
                    expand(
                            env.arguments()
                                    .strip()
                                    .substring(words.get(0).length())
                                    .strip(),
                            stage.values));
            return values;
        }
        for (String word : words) {
            String[] pair = word.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalStateException("ENV: cannot read " + word);
            }
            Map<String, String> scope = new HashMap<>(stage.values);
            scope.putAll(values);
            values.put(pair[0], expand(pair[1], scope));
        }
        return values;
    }

    /** Splits at blanks outside quotes; quotes removed, backslash escapes kept literally, '$' left for expand. */
    private static List<String> shellWords(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static String expand(Dockerfile.Instruction instruction, Stage stage) {
        return expand(instruction.arguments().strip(), stage.values);
    }

    /** Dockerfile variables: $NAME, ${NAME}, ${NAME:-word}, ${NAME:+word}; unset ones are empty; \$ is a '$'. */
    static String expand(String text, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().equals("\\$")) {
                replacement = "$";
            } else {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
                String value = values.get(name);
                boolean set = value != null && !value.isEmpty();
                if ("-".equals(matcher.group(2))) {
                    replacement = set ? value : matcher.group(3);
                } else if ("+".equals(matcher.group(2))) {
                    replacement = set ? matcher.group(3) : "";
                } else {
                    replacement = value == null ? "" : value;
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    private static String resolveAgainst(Stage stage, String path) {
        return path.startsWith("/") ? path : stage.workdir + "/" + path;
    }

    private static void deleteLink(Path mountPoint) {
        try {
            Files.deleteIfExists(mountPoint);
            Files.createDirectories(mountPoint);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void note(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String tailOfLog() {
        List<String> lines = read(log).lines().toList();
        return "\n--- the last lines of " + log + " ---\n"
                + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
