package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The file system of one build stage, emulated by a folder ({@code root} stands for "/"), and the copies into it:
 * from the build context (only what .dockerignore lets through) or from another stage's folder.
 */
final class StageFiles {

    /** Top folders of the host's own system: absolute paths in RUN commands below them are the host's. */
    static final Set<String> SYSTEM_FOLDERS = Set.of(
            "bin", "boot", "dev", "etc", "lib", "lib32", "lib64", "libx32", "proc", "run", "sbin", "sys", "tmp", "usr",
            "var");

    /** An absolute path in a shell command: after a blank, a quote, '=', '(', ':' or ',' (e.g. --out=/x). */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<=^|[\\s\"'=(:,])/[^\\s\"';&|()<>`]*");

    private final Path root;

    StageFiles(Path root) {
        // rewritten commands name the folder unquoted
        if (!root.toString().matches("[A-Za-z0-9/._+-]+")) {
            throw new IllegalArgumentException("a stage folder needs a plain path, not " + root);
        }
        this.root = root;
        createDirectories(root);
    }

    Path root() {
        return root;
    }

    /** The folder standing for the container path {@code path} (absolute, or relative to {@code workdir}). */
    Path resolve(String path, String workdir) {
        String absolute = path.startsWith("/") ? path : workdir + "/" + path;
        return root.resolve(DockerIgnore.clean(absolute));
    }

    /**
     * {@code command} with every absolute path outside {@link #SYSTEM_FOLDERS} moved into this stage's folder,
     * except those under a key of {@code mounts}, which move to its value (a cache mount's host folder).
     */
    String rewrite(String command, Map<String, Path> mounts) {
        Matcher matcher = ABSOLUTE_PATH.matcher(command);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(rewritePath(matcher.group(), mounts)));
        }
        return matcher.appendTail(out).toString();
    }

    private String rewritePath(String path, Map<String, Path> mounts) {
        for (var mount : mounts.entrySet()) {
            if (path.equals(mount.getKey()) || path.startsWith(mount.getKey() + "/")) {
                return mount.getValue() + path.substring(mount.getKey().length());
            }
        }
        String top = path.substring(1).split("/", 2)[0];
        if (top.isEmpty() || SYSTEM_FOLDERS.contains(top)) {
            return path;
        }
        return root + path;
    }

    /**
     * COPY from the build context: {@code source} relative to it, a glob allowed in its last part. A source that
     * is missing or left out by .dockerignore fails, as it fails Docker ("not found").
     */
    void copyFromContext(Path context, DockerIgnore ignore, String source, Path destination, boolean intoFolder) {
        String relative = DockerIgnore.clean(source);
        List<String> matches = matches(context, relative).stream()
                .filter(path -> !ignore.excludes(path))
                .toList();
        if (matches.isEmpty()) {
            throw new IllegalStateException("COPY " + source + ": not found in the build context "
                    + (Files.exists(context.resolve(relative), LinkOption.NOFOLLOW_LINKS)
                            ? "(left out by .dockerignore " + ignore + ")"
                            : "(no such file)"));
        }
        for (String match : matches) {
            copyTree(context, match, destination, intoFolder || matches.size() > 1, ignore, false);
        }
    }

    /** COPY --from=stage: {@code source} is a path in that stage's file system and must exist there. */
    void copyFromStage(StageFiles stage, String source, Path destination, boolean intoFolder) {
        String relative = DockerIgnore.clean(source);
        if (!Files.exists(stage.root.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("COPY --from: " + source + " does not exist in that stage");
        }
        copyTree(stage.root, relative, destination, intoFolder, DockerIgnore.parse(""), true);
    }

    /** FROM an earlier stage: this folder starts as a copy of that stage's. */
    void copyAllOf(StageFiles stage) {
        copyTree(stage.root, "", root, true, DockerIgnore.parse(""), true);
    }

    private static List<String> matches(Path context, String relative) {
        int slash = relative.lastIndexOf('/');
        String parent = slash < 0 ? "" : relative.substring(0, slash);
        String name = relative.substring(slash + 1);
        if (parent.matches(".*[*?\\[].*")) {
            throw new IllegalStateException("not emulated: a wildcard before the last part of " + relative);
        }
        if (!name.matches(".*[*?\\[].*")) {
            return Files.exists(context.resolve(relative), LinkOption.NOFOLLOW_LINKS) ? List.of(relative) : List.of();
        }
        PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> entries = Files.list(context.resolve(parent))) {
            return entries.filter(entry -> glob.matches(entry.getFileName()))
                    .map(entry -> (parent.isEmpty() ? "" : parent + "/") + entry.getFileName())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Docker's copy rules: a folder's contents go into the destination folder; a file goes to the destination path,
     * or into it when it is a folder ({@code intoFolder}: it ends with "/", there are several sources, or it exists
     * as a folder). Links inside a folder stay links. Files from another stage are hard links where possible (the
     * stages that copy from others run nothing afterwards that changes them).
     */
    private void copyTree(
            Path base, String relative, Path destination, boolean intoFolder, DockerIgnore ignore, boolean link) {
        Path source = base.resolve(relative);
        try {
            if (!Files.isDirectory(source)) {
                Path target = intoFolder || Files.isDirectory(destination)
                        ? destination.resolve(source.getFileName().toString())
                        : destination;
                createDirectories(target.getParent());
                copyFile(source, target, link);
                return;
            }
            createDirectories(destination);
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    if (!dir.equals(source)
                            && ignore.excludes(base.relativize(dir).toString())
                            && !ignore.hasExceptions()) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(
                            destination.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    if (!ignore.excludes(base.relativize(file).toString())) {
                        copyFile(
                                file,
                                destination.resolve(source.relativize(file).toString()),
                                link);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFile(Path source, Path target, boolean link) throws IOException {
        Files.deleteIfExists(target);
        if (link && Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createLink(target, source);
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system: copy below
            }
        }
        Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(dir + " exists and is not a folder", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
