package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImageBuild on small Dockerfiles: what a build may use is exactly what its COPY lines take from the context, so a
 * file it reads without copying fails it, as in Docker. ImageBuildIT builds the real images with it.
 */
class ImageBuildTests {

    @TempDir
    Path dir;

    private Path context;
    private Path work;
    private Path log;
    private Path stages;
    private int builds;

    @BeforeEach
    void context() throws IOException {
        context = Files.createDirectories(dir.resolve("context"));
        work = Files.createDirectories(dir.resolve("work"));
        log = dir.resolve("build.log");
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        write("app/src/main.txt", "main\n");
        write("app/target/app.jar", "old build output\n");
        write(".dockerignore", "**/target\n.cache\n");
    }

    @Test
    void aFileTheBuildReadsButDoesNotCopyFailsTheBuild() {
        dockerfile("""
                FROM builder:1.0 AS build
                WORKDIR /src
                COPY a.txt ./
                RUN cat a.txt b.txt > /out.txt
                FROM runtime:1.0
                COPY --from=build /out.txt /result.txt
                """);

        assertThatThrownBy(this::build)
                .hasMessageContaining("line 4: RUN cat a.txt b.txt > /out.txt")
                .hasMessageContaining("RUN exited with 1")
                .hasMessageContaining("b.txt: No such file or directory");
    }

    @Test
    void whatTheBuildCopiesIsThereAndItsOutputReachesTheNextStage() throws IOException {
        dockerfile("""
                FROM builder:1.0 AS build
                WORKDIR /src
                COPY a.txt b.txt ./
                RUN cat a.txt b.txt > /out.txt
                FROM runtime:1.0
                WORKDIR /app
                COPY --from=build /out.txt ./
                """);

        Path image = build();

        assertThat(image.resolve("app/out.txt")).hasContent("a\nb");
        assertThat(stages.resolve("0-build/out.txt"))
                .as("the absolute path lies in the stage's folder")
                .exists();
    }

    @Test
    void whatDockerignoreLeavesOutIsNotFoundAndNotCopiedWithItsFolder() {
        dockerfile("""
                FROM builder:1.0
                COPY app/ /app/
                """);

        Path image = build();

        assertThat(image.resolve("app/src/main.txt")).exists();
        assertThat(image.resolve("app/target")).doesNotExist();

        dockerfile("""
                FROM builder:1.0
                COPY app/target/app.jar /app.jar
                """);
        assertThatThrownBy(this::build).hasMessageContaining("left out by .dockerignore");
    }

    @Test
    void aMissingSourceFailsTheBuild() {
        dockerfile("""
                FROM builder:1.0
                COPY missing.txt /
                """);

        assertThatThrownBy(this::build).hasMessageContaining("COPY missing.txt: not found in the build context");
    }

    @Test
    void runsBeforeTheFirstCopyOnlyInstallToolsAndAreNotRun() {
        dockerfile("""
                FROM builder:1.0
                RUN touch /tools-installed && exit 1
                COPY a.txt /
                """);

        Path image = build();

        assertThat(image.resolve("a.txt")).exists();
        assertThat(image.resolve("tools-installed")).doesNotExist();
    }

    @Test
    void onlyTheStagesTheTargetNeedsRunAndBuildArgumentsChooseThem() throws IOException {
        dockerfile("""
                ARG RUNTIME=cpu
                FROM base:1.0 AS base-cpu
                COPY a.txt /base.txt
                FROM base:1.0 AS base-gpu
                COPY no-such-file.txt /base.txt
                FROM base-${RUNTIME} AS runtime
                RUN cp /base.txt /copied.txt
                """);

        Path image = build();

        assertThat(image.resolve("copied.txt")).hasContent("a");
        assertThatThrownBy(() -> build(Map.of("RUNTIME", "gpu"))).hasMessageContaining("no-such-file.txt");
    }

    @Test
    void envValuesReachTheCommandsWithTheirPathsInTheStage() {
        dockerfile("""
                FROM builder:1.0
                COPY a.txt /
                ENV GREETING="hello world" OUT=/greeting
                RUN echo "$GREETING" > "$OUT.txt"
                """);

        assertThat(build().resolve("greeting.txt")).hasContent("hello world");
    }

    @Test
    void aCacheMountBelowTheWorkingFolderIsTheSamePlaceInTheContext() throws IOException {
        write(".cache/data/seed.txt", "cached\n");
        dockerfile("""
                FROM builder:1.0
                WORKDIR /src
                COPY a.txt ./
                RUN --mount=type=cache,target=/src/.cache/data cp .cache/data/seed.txt from-cache.txt
                """);

        Path image = build();

        assertThat(image.resolve("src/from-cache.txt")).hasContent("cached");
        assertThat(image.resolve("src/.cache/data")).as("an empty mount point").isEmptyDirectory();
    }

    @Test
    void absolutePathsMoveIntoTheStageExceptSystemFoldersAndCacheMounts() {
        StageFiles files = new StageFiles(work.resolve("stage"));
        String command = "cp /app.jar /usr/bin/x /root/.m2/settings.xml --out=/layers 2>/dev/null \"/opt/x\"";

        String rewritten = files.rewrite(command, Map.of("/root/.m2", Path.of("/home/u/.m2")));

        assertThat(rewritten)
                .isEqualTo("cp " + files.root() + "/app.jar /usr/bin/x /home/u/.m2/settings.xml --out=" + files.root()
                        + "/layers 2>/dev/null \"" + files.root() + "/opt/x\"");
    }

    @Test
    void anInstructionItCannotEmulateFailsTheBuild() {
        dockerfile("""
                FROM builder:1.0
                SHELL ["/bin/bash", "-c"]
                """);

        assertThatThrownBy(this::build).hasMessageContaining("not emulated: SHELL");
    }

    private Path build() {
        return build(Map.of());
    }

    private Path build(Map<String, String> buildArgs) {
        ImageBuild.Settings settings =
                new ImageBuild.Settings(context, context.resolve("Dockerfile"), buildArgs, Map.of());
        stages = work.resolve("build-" + ++builds);
        return new ImageBuild(settings, stages, log).build(null);
    }

    private void dockerfile(String text) {
        write("Dockerfile", text);
    }

    private void write(String path, String text) {
        try {
            Files.createDirectories(context.resolve(path).getParent());
            Files.writeString(context.resolve(path), text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
