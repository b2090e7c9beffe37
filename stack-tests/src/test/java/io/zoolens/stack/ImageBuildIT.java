package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every image docker-compose builds, built by {@link ImageBuild} without a Docker engine: each stage gets exactly
 * the files its COPY lines take from the build context (after .dockerignore) and runs its RUN commands on them,
 * offline: Maven from a local repository without Zoolens's own artifacts (scripts/maven-repo-view.sh, so every
 * module must be built by the image's own reactor), npm from its cache. A file a build needs but its Dockerfile
 * does not copy fails here, as it would fail {@code docker compose up --build}.
 *
 * <p>{@code -Dzoolens.image-builds=api,frontend} builds only those images, {@code none} none. Logs stay in
 * {@code target/image-builds/<service>.log}. It runs first, before any test starts the stack, so the builds and the
 * stack never hold memory at the same time.
 */
@Order(1)
class ImageBuildIT {

    /** One compose service per Dockerfile (classifier-gpu builds the classifier's) and a file its image must hold. */
    private static final Map<String, String> IMAGES = Map.of(
            "api", "app/BOOT-INF/classes/application.yml",
            "classifier", "models/coco-centernet/1/saved_model.pb",
            "frontend", "usr/share/nginx/html/index.html",
            "gateway", "opt/zoolens/gateway-nginx/render.sh");

    private static final Path REPO = StackPaths.repoDir();
    private static final Path OUTPUT = REPO.resolve("stack-tests/target/image-builds");
    private static final Path MAVEN_REPOSITORY = OUTPUT.resolve("m2");

    /** The stages' file systems: a temporary folder, where nothing above them belongs to the checkout. */
    @TempDir
    Path work;

    @BeforeAll
    static void mavenRepositoryWithoutZoolensArtifacts() {
        Command view = Command.run(REPO, Map.of(), List.of("scripts/maven-repo-view.sh", MAVEN_REPOSITORY.toString()));
        assertThat(view.exitCode()).as(view.output()).isZero();
    }

    @Test
    void everyImageComposeBuildsIsChecked() {
        assertThat(builds().keySet()).containsExactlyInAnyOrderElementsOf(IMAGES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theImageBuildsFromWhatItsDockerfileCopies(String service) throws IOException {
        Assumptions.assumeTrue(selected(service), "-Dzoolens.image-builds leaves " + service + " out");
        Map<String, Object> build = builds().get(service);
        Path context = REPO.resolve(String.valueOf(build.get("context"))).normalize();
        Path log = Files.createDirectories(OUTPUT).resolve(service + ".log");
        Files.deleteIfExists(log);
        ImageBuild.Settings settings = new ImageBuild.Settings(
                context,
                context.resolve(String.valueOf(build.get("dockerfile"))),
                strings(build.get("args")),
                Map.of(
                        "MAVEN_ARGS", "-o -Dmaven.repo.local=" + MAVEN_REPOSITORY,
                        "npm_config_offline", "true",
                        "npm_config_update_notifier", "false"));

        Path image = new ImageBuild(settings, work, log).build((String) build.get("target"));

        assertThat(image.resolve(IMAGES.get(service))).as(service + " image").exists();
    }

    static Stream<String> services() {
        return IMAGES.keySet().stream().sorted();
    }

    private static boolean selected(String service) {
        String wanted = System.getProperty("zoolens.image-builds", "all").strip();
        Set<String> names = Arrays.stream(wanted.split(",")).map(String::strip).collect(Collectors.toSet());
        return wanted.equals("all") || names.contains(service);
    }

    /** Compose's build sections by service, the first service of each Dockerfile only. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> builds() {
        Map<String, Object> compose;
        try {
            compose = new Yaml().load(Files.readString(REPO.resolve("docker-compose.yml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Map<String, Object>> builds = new LinkedHashMap<>();
        ((Map<String, Map<String, Object>>) compose.get("services")).forEach((name, service) -> {
            if (service.get("build") instanceof Map<?, ?> build
                    && builds.values().stream()
                            .noneMatch(other -> other.get("dockerfile").equals(build.get("dockerfile")))) {
                builds.put(name, (Map<String, Object>) build);
            }
        });
        return builds;
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> result = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> values) {
            values.forEach((key, value) -> result.put(String.valueOf(key), String.valueOf(value)));
        }
        return result;
    }
}
