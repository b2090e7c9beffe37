package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of docker-compose.yml, .env.template and the Dockerfiles without a Docker engine: services
 * and ports agree with the team's conventions (conventions.md, restated in the constants below), every referenced
 * service, variable and copied path exists, images are pinned, run unprivileged and have health checks.
 */
class DeploymentFilesTests {

    /** conventions.md: service names in docker-compose. */
    private static final Set<String> SERVICES = Set.of("gateway", "frontend", "api", "classifier", "mongo", "redis");

    /** conventions.md: ports inside the compose network (none of them published). */
    private static final Map<String, String> INTERNAL_PORTS =
            Map.of("api", "8081", "classifier", "8082", "classifier-gpu", "8082", "mongo", "27017", "redis", "6379");

    /** conventions.md: configuration variables; every one must be in .env.template. */
    private static final List<String> CONVENTION_VARIABLES = List.of(
            "SPRING_MONGODB_URI",
            "SPRING_DATA_REDIS_HOST",
            "SPRING_DATA_REDIS_PORT",
            "SPRING_DATA_REDIS_PASSWORD",
            "ZOOLENS_CLASSIFIER_URL",
            "ZOOLENS_UPLOAD_MAX_BYTES",
            "ZOOLENS_UPLOAD_MAX_PIXELS",
            "ZOOLENS_UPLOAD_ALLOWED_TYPES",
            "ZOOLENS_MODELS_DIR",
            "ZOOLENS_DEFAULT_MODEL",
            "ZOOLENS_DEVICE",
            "ZOOLENS_TLS_CERT",
            "ZOOLENS_TLS_KEY");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private final Path repo = StackPaths.repoDir();
    private final String composeText = read(repo.resolve("docker-compose.yml"));
    private final Map<String, Map<String, Object>> services = services();
    private final List<String> envTemplate = lines(repo.resolve(".env.template"));

    @Test
    void composeHasTheServicesOfTheConventionsAndAGpuVariantOfTheClassifier() {
        Set<String> expected = new LinkedHashSet<>(SERVICES);
        expected.add("classifier-gpu");

        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void everyDependencyIsAServiceThatIsWaitedForUntilHealthy() {
        for (var service : services.entrySet()) {
            Map<String, Object> dependsOn = map(service.getValue().get("depends_on"));
            for (var dependency : dependsOn.entrySet()) {
                assertThat(services).as(service.getKey() + " depends on it").containsKey(dependency.getKey());
                assertThat(map(dependency.getValue()).get("condition"))
                        .as(service.getKey() + " -> " + dependency.getKey())
                        .isEqualTo("service_healthy");
                assertThat(hasHealthCheck(dependency.getKey()))
                        .as(dependency.getKey())
                        .isTrue();
            }
        }
        assertThat(map(services.get("gateway").get("depends_on"))).containsOnlyKeys("api", "frontend");
        assertThat(map(services.get("api").get("depends_on"))).containsOnlyKeys("mongo", "redis");
    }

    @Test
    void everyServiceHasAHealthCheckAndAMemoryLimit() {
        for (String name : services.keySet()) {
            assertThat(hasHealthCheck(name)).as(name + " health check").isTrue();
            Map<String, Object> limits = map(
                    map(map(services.get(name).get("deploy")).get("resources")).get("limits"));
            assertThat(limits).as(name + " memory limit").containsKey("memory");
        }
    }

    @Test
    void onlyTheGatewayIsPublishedOn80And443() {
        for (var service : services.entrySet()) {
            if (!service.getKey().equals("gateway")) {
                assertThat(service.getValue()).as(service.getKey()).doesNotContainKey("ports");
            }
        }
        List<String> ports = strings(services.get("gateway").get("ports"));

        assertThat(ports)
                .containsExactly(
                        "${ZOOLENS_HTTP_PUBLISHED_PORT:-80}:8080", "${ZOOLENS_HTTPS_PUBLISHED_PORT:-443}:8443");
        assertThat(environment("gateway"))
                .containsEntry("ZOOLENS_PUBLIC_HTTPS_PORT", "${ZOOLENS_HTTPS_PUBLISHED_PORT:-443}");
    }

    @Test
    void internalPortsAndAddressesAgreeWithTheConventions() {
        for (var port : INTERNAL_PORTS.entrySet()) {
            assertThat(strings(services.get(port.getKey()).get("expose")))
                    .as(port.getKey())
                    .containsExactly(port.getValue());
        }
        Map<String, String> api = environment("api");
        assertThat(api.get("SPRING_MONGODB_URI")).contains("@mongo:27017/zoolens");
        assertThat(api.get("SPRING_DATA_REDIS_HOST")).isEqualTo("${SPRING_DATA_REDIS_HOST:-redis}");
        assertThat(api.get("SPRING_DATA_REDIS_PORT")).isEqualTo("${SPRING_DATA_REDIS_PORT:-6379}");
        assertThat(api.get("ZOOLENS_CLASSIFIER_URL")).isEqualTo("${ZOOLENS_CLASSIFIER_URL:-http://classifier:8082}");
        assertThat(environment("gateway"))
                .containsEntry("ZOOLENS_API_UPSTREAMS", "api:8081")
                .containsEntry("ZOOLENS_SPA_UPSTREAM", "frontend:8080");
        // the api image's docker profile names the same services
        assertThat(read(repo.resolve("api-service/src/main/resources/application-docker.yml")))
                .contains("mongo:27017", "host: redis", "http://classifier:8082");

        assertThat(dockerfile("api")).contains("EXPOSE 8081", "/dev/tcp/127.0.0.1/8081");
        assertThat(dockerfile("classifier")).contains("EXPOSE 8082", "/dev/tcp/127.0.0.1/8082");
        assertThat(dockerfile("frontend")).contains("EXPOSE 8080", "http://127.0.0.1:8080/");
        assertThat(dockerfile("gateway"))
                .contains("EXPOSE 8080 8443", "/dev/tcp/127.0.0.1/8080", "ZOOLENS_HTTPS_PORT=8443");
        assertThat(read(repo.resolve("frontend/nginx.conf"))).contains("listen 8080;");
    }

    @Test
    void everyVariableComposeReadsIsInEnvTemplateWithAComment() {
        Set<String> used = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(composeText);
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        used.add("COMPOSE_PROFILES");

        for (String variable : used) {
            int line = templateLine(variable);
            assertThat(line).as(variable + " in .env.template").isNotNegative();
            assertThat(envTemplate.get(line - 1))
                    .as("comment above " + variable)
                    .startsWith("#");
        }
    }

    @Test
    void everyConventionsVariableIsInEnvTemplate() {
        for (String variable : CONVENTION_VARIABLES) {
            assertThat(templateLine(variable)).as(variable).isNotNegative();
        }
    }

    @Test
    void secretsHaveNoDefaultAndMustBeSet() {
        assertThat(envTemplate).contains("ZOOLENS_MONGO_PASSWORD=", "SPRING_DATA_REDIS_PASSWORD=");
        assertThat(composeText)
                .contains("${ZOOLENS_MONGO_PASSWORD:?")
                .contains("${SPRING_DATA_REDIS_PASSWORD:?")
                .doesNotContainPattern("PASSWORD:-");
    }

    @Test
    void theGpuProfileGivesTheClassifierAnNvidiaDeviceUnderTheNameClassifier() {
        Map<String, Object> gpu = services.get("classifier-gpu");
        Map<String, Object> cpu = services.get("classifier");

        assertThat(strings(gpu.get("profiles"))).containsExactly("gpu");
        assertThat(strings(cpu.get("profiles"))).containsExactly("cpu");
        assertThat(templateValue("COMPOSE_PROFILES")).isEqualTo("cpu");
        assertThat(map(map(gpu.get("build")).get("args"))).containsEntry("RUNTIME", "gpu");
        assertThat(map(map(cpu.get("build")).get("args"))).containsEntry("RUNTIME", "cpu");
        Map<String, Object> device =
                map(((List<?>) map(map(map(gpu.get("deploy")).get("resources")).get("reservations"))
                                .get("devices"))
                        .get(0));
        assertThat(device).containsEntry("driver", "nvidia");
        assertThat(strings(device.get("capabilities"))).containsExactly("gpu");
        assertThat(strings(map(map(gpu.get("networks")).get("default")).get("aliases")))
                .containsExactly("classifier");
        assertThat(dockerfile("classifier"))
                .contains("FROM base-${RUNTIME} AS runtime")
                .containsPattern("FROM nvidia/cuda:[0-9.]+-cudnn8-runtime-\\S+ AS base-gpu");
    }

    @Test
    void theGpuImageHasTheCudaVersionTheShippedTensorFlowNativesAreBuiltFor() {
        // tensorflow-native-cu121 is built for CUDA 12.1: the GPU image must be CUDA 12.1.x (docs/deploy.md, GPU).
        Matcher natives = Pattern.compile("<artifactId>tensorflow-native-cu(\\d+)(\\d)</artifactId>")
                .matcher(read(repo.resolve("classifier-service/pom.xml")));
        assertThat(natives.find())
                .as("classifier-service ships DJL's CUDA build of TensorFlow")
                .isTrue();
        String cuda = natives.group(1) + "\\." + natives.group(2);

        assertThat(dockerfile("classifier")).containsPattern("FROM nvidia/cuda:" + cuda + "\\.[0-9]+-cudnn8-runtime-");
    }

    @Test
    void everyBuildContextDockerfileAndCopiedPathExistsAndIsNotDockerignored() {
        for (String service : services.keySet()) {
            Map<String, Object> build = map(services.get(service).get("build"));
            if (build.isEmpty()) {
                continue;
            }
            Path context = repo.resolve(String.valueOf(build.get("context"))).normalize();
            Path dockerfile = context.resolve(String.valueOf(build.get("dockerfile")));
            assertThat(dockerfile).as(service).isRegularFile();
            DockerIgnore ignore = DockerIgnore.forBuild(context, dockerfile);
            for (String source : copiedPaths(read(dockerfile))) {
                assertThat(exists(context, source))
                        .as(dockerfile + ": COPY " + source)
                        .isTrue();
                assertThat(ignore.excludes(source))
                        .as(dockerfile + ": COPY " + source + " is left out by .dockerignore")
                        .isFalse();
            }
        }
    }

    @Test
    void javaImagesCopyThePomOfEveryModuleTheReactorNeeds() {
        // The default build's modules; those of profiles (-Pbench) are not built in images.
        String rootPom = read(repo.resolve("pom.xml")).replaceAll("(?s)<profiles>.*</profiles>", "");
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(rootPom);
        List<String> poms = modules.results()
                .map(module -> "COPY " + module.group(1) + "/pom.xml " + module.group(1) + "/")
                .toList();

        assertThat(poms).isNotEmpty();
        assertThat(dockerfile("api")).contains(poms);
        assertThat(dockerfile("classifier")).contains(poms);
        assertThat(dockerfile("classifier")).as("serving builds no benchmark").doesNotContain("bench/");
    }

    @Test
    void imagesRunUnprivilegedWithAHealthCheck() {
        for (String service : List.of("api", "classifier", "frontend", "gateway")) {
            String text = dockerfile(service);
            String lastStage = text.substring(text.lastIndexOf("\nFROM "));
            Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(lastStage);
            assertThat(user.find()).as(service + " USER").isTrue();
            assertThat(user.group(1)).as(service).doesNotStartWith("root").doesNotStartWith("0");
            assertThat(text).as(service).contains("HEALTHCHECK");
        }
    }

    @Test
    void javaImagesUseSpringBootLayers() {
        for (String service : List.of("api", "classifier")) {
            assertThat(dockerfile(service))
                    .contains("java -Djarmode=tools -jar /app.jar extract --layers --launcher")
                    .contains("org.springframework.boot.loader.launch.JarLauncher");
        }
    }

    @Test
    void baseImagesArePinnedToAVersion() {
        Pattern image = Pattern.compile("(?m)^FROM (\\S+)|--from=(\\S+:\\S+)");
        List<String> found = new ArrayList<>();
        for (String service : List.of("api", "classifier", "frontend", "gateway")) {
            Matcher matcher = image.matcher(dockerfile(service));
            while (matcher.find()) {
                String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                if (name.contains(":") && !name.contains("$")) {
                    found.add(name);
                }
            }
        }
        for (var service : services.values()) {
            if (service.get("image") != null && !service.containsKey("build")) {
                found.add(String.valueOf(service.get("image")));
            }
        }

        assertThat(found)
                .isNotEmpty()
                .allSatisfy(name ->
                        assertThat(name).matches(".+:[^:]*[0-9]+\\.[0-9]+[^:]*").doesNotEndWith(":latest"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private Map<String, Map<String, Object>> services() {
        Map<String, Object> compose = new Yaml().load(composeText);
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        map(compose.get("services")).forEach((name, service) -> result.put(name, map(service)));
        return result;
    }

    private boolean hasHealthCheck(String service) {
        return services.get(service).containsKey("healthcheck")
                || dockerfileOrEmpty(service).contains("HEALTHCHECK");
    }

    private Map<String, String> environment(String service) {
        Map<String, String> result = new LinkedHashMap<>();
        map(services.get(service).get("environment")).forEach((key, value) -> result.put(key, String.valueOf(value)));
        return result;
    }

    private String dockerfile(String service) {
        String text = dockerfileOrEmpty(service);
        assertThat(text).as(service + " Dockerfile").isNotEmpty();
        return text;
    }

    private String dockerfileOrEmpty(String service) {
        Map<String, Object> build = map(services.get(service).get("build"));
        if (build.isEmpty()) {
            return "";
        }
        return read(
                repo.resolve(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile"))));
    }

    /** Sources of COPY/ADD from the build context (not --from another stage or image). */
    private static List<String> copiedPaths(String dockerfile) {
        List<String> sources = new ArrayList<>();
        for (Dockerfile.Stage stage : Dockerfile.parse(dockerfile).stages()) {
            for (Dockerfile.Instruction instruction : stage.instructions()) {
                if ((instruction.keyword().equals("COPY")
                                || instruction.keyword().equals("ADD"))
                        && instruction.flag("from").isEmpty()) {
                    List<String> words = instruction.words();
                    sources.addAll(words.subList(0, words.size() - 1));
                }
            }
        }
        return sources;
    }

    private static boolean exists(Path context, String source) {
        if (!source.contains("*")) {
            return Files.exists(context.resolve(source));
        }
        Path parent = context.resolve(source).getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + context.resolve(source));
        try (Stream<Path> files = Files.list(parent)) {
            return files.anyMatch(matcher::matches);
        } catch (IOException e) {
            return false;
        }
    }

    /** The line index of {@code NAME=} (set) or {@code # NAME=} (documented, optional) in .env.template, or -1. */
    private int templateLine(String variable) {
        for (int i = 0; i < envTemplate.size(); i++) {
            String line = envTemplate.get(i);
            if (line.startsWith(variable + "=") || line.startsWith("# " + variable + "=")) {
                return i;
            }
        }
        return -1;
    }

    private String templateValue(String variable) {
        return envTemplate.get(templateLine(variable)).substring(variable.length() + 1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list
                ? list.stream().map(String::valueOf).toList()
                : List.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        return read(file).lines().toList();
    }
}
