package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged classifier, started the way up.sh starts it, with what an operator gets wrong: it stops at once with
 * exit code 1 and Spring Boot's short "APPLICATION FAILED TO START" report (what is wrong, what to do), with no
 * stack trace, instead of running without ever becoming ready or repeating a stack trace in a restart loop.
 *
 * <p>A full disk is a 1 MiB tmpfs, a read-only one a read-only tmpfs: mounting needs root (CAP_SYS_ADMIN), and
 * those two tests are skipped, saying so, where it is not allowed.
 */
class StartupFailureIT {

    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

    @TempDir
    Path work;

    @Test
    void aMissingModelsFolderStopsTheStartWithOneClearReason() {
        Command started = startClassifier(work.resolve("no-such-folder"), null);

        assertFailedClearly(started, "The models folder " + work.resolve("no-such-folder") + " does not exist.");
        assertThat(started.output()).contains("ZOOLENS_MODELS_DIR");
    }

    @Test
    void aFullDiskForTheNativeLibrariesStopsTheStartWithOneClearReason() throws IOException {
        Path disk = mountTmpfs("full", "size=1m");
        try {
            Command started = startClassifier(emptyModelsFolder(), disk.resolve("tensorflow"));

            assertFailedClearly(started, "No space left on device");
            assertThat(started.output())
                    .contains("Cannot extract the TensorFlow native libraries")
                    .contains("ZOOLENS_NATIVE_CACHE_DIR");
            try (Stream<Path> left = Files.walk(disk)) {
                assertThat(left.filter(Files::isRegularFile))
                        .as("half-extracted files")
                        .isEmpty();
            }
        } finally {
            unmount(disk);
        }
    }

    @Test
    void aReadOnlyDiskForTheNativeLibrariesStopsTheStartWithOneClearReason() throws IOException {
        Path disk = mountTmpfs("read-only", "size=1m,ro");
        try {
            Command started = startClassifier(emptyModelsFolder(), disk.resolve("tensorflow"));

            assertFailedClearly(started, "Read-only file system");
            assertThat(started.output()).contains("ZOOLENS_NATIVE_CACHE_DIR");
        } finally {
            unmount(disk);
        }
    }

    private static void assertFailedClearly(Command started, String reason) {
        System.out.println(report(started.output()));
        assertThat(started.exitCode()).as(started.output()).isEqualTo(1);
        assertThat(started.output())
                .as(started.output())
                .contains("APPLICATION FAILED TO START")
                .contains(reason)
                .doesNotContain("Caused by:")
                .doesNotContain("Application run failed");
        assertThat(STACK_FRAME.matcher(started.output()).find())
                .as("a stack trace in\n" + started.output())
                .isFalse();
    }

    /** Spring Boot's report, for the test log (the rest is the usual start-up chatter). */
    private static String report(String output) {
        int start = output.indexOf("***************************");
        return start < 0 ? output : output.substring(start);
    }

    private Command startClassifier(Path modelsDir, Path nativeCacheDir) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", "0");
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("ZOOLENS_MODELS_DIR", modelsDir.toString());
        environment.put("TF_CPP_MIN_LOG_LEVEL", "2");
        if (nativeCacheDir != null) {
            environment.put("ZOOLENS_NATIVE_CACHE_DIR", nativeCacheDir.toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: a start that fails within seconds gains nothing from the optimising compiler, and starts faster.
        return Command.run(
                work,
                environment,
                List.of(
                        java,
                        "-Xmx512m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        classifierJar().toString()));
    }

    private Path emptyModelsFolder() throws IOException {
        return Files.createDirectories(work.resolve("models"));
    }

    private static Path classifierJar() {
        Path target = StackPaths.repoDir().resolve("classifier-service/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("classifier-service-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("package the classifier first: " + target));
        } catch (IOException e) {
            throw new IllegalStateException("package the classifier first: " + target, e);
        }
    }

    private Path mountTmpfs(String name, String options) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Command mounted =
                Command.run(work, Map.of(), List.of("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir.toString()));
        Assumptions.assumeTrue(
                mounted.exitCode() == 0,
                "mounting a tmpfs needs root with CAP_SYS_ADMIN, not available here: " + mounted.output());
        return dir;
    }

    private void unmount(Path dir) {
        Command unmounted = Command.run(work, Map.of(), List.of("umount", dir.toString()));
        assertThat(unmounted.exitCode()).as(unmounted.output()).isZero();
    }
}
