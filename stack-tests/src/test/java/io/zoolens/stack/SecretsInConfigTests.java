package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Secrets come only from the environment (conventions.md): no committed configuration file gives a password, key or
 * token a value, not even as a default of a {@code ${...}} placeholder, and no file in the repository holds a
 * private key or a credential in a URL.
 */
class SecretsInConfigTests {

    /** Names that hold secrets, in any of the spellings YAML, .env and compose files use. */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(password|passwd|secret|token|api[-_.]?key|private[-_.]?key|credentials?)$");

    /** {@code name: value} (YAML, compose) or {@code NAME=value} (.env, properties, shell). */
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^\\s*(?:-\\s*)?(?:export\\s+|ENV\\s+|ARG\\s+)?([A-Za-z_][A-Za-z0-9_.\\-]*)\\s*[:=]\\s*(.*?)\\s*\\\\?$");

    /** A whole value that is only a placeholder without a default: ${X}, ${X:?message}, ${X:-} or ${x:}. */
    private static final Pattern PLACEHOLDER_WITHOUT_DEFAULT =
            Pattern.compile("\"?\\$\\{[A-Za-z_][A-Za-z0-9_.\\-]*(?::\\?[^}]*|:-|-|:)?}\"?");

    /** user:password@ in a URL whose password is not a placeholder. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("[a-z][a-z0-9+.-]*://[^/\\s:@]+:([^@\\s/]+)@");

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    private static final Pattern KNOWN_TOKENS = Pattern.compile(
            "AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[baprs]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{36}");

    private static final Set<String> SKIPPED_DIRS =
            Set.of(".git", "node_modules", "target", "var", ".cache", "dist", "models", ".mvn", "screenshots");

    private final Path repo = StackPaths.repoDir();

    @Test
    void configurationFilesGiveNoSecretAValue() {
        List<String> findings = new ArrayList<>();
        for (Path file : configurationFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.stripLeading().startsWith("#")) {
                    continue;
                }
                Matcher assignment = ASSIGNMENT.matcher(line);
                if (assignment.matches()
                        && SECRET_NAME.matcher(assignment.group(1)).matches()) {
                    String value =
                            assignment.group(2).replaceAll("\\s+#.*$", "").strip();
                    if (!isReference(value)) {
                        findings.add(where(file, i) + line.strip());
                    }
                }
            }
        }
        assertThat(findings)
                .as("secrets with a value in committed configuration")
                .isEmpty();
    }

    @Test
    void noUrlCarriesALiteralPassword() {
        List<String> findings = new ArrayList<>();
        for (Path file : textFiles()) {
            List<String> lines = lines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher url = URL_CREDENTIALS.matcher(lines.get(i));
                while (url.find()) {
                    String password = url.group(1);
                    if (!password.startsWith("${") && !password.startsWith("$(") && !password.startsWith("<")) {
                        findings.add(where(file, i) + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(findings).as("URLs with a literal password").isEmpty();
    }

    @Test
    void noFileHoldsAPrivateKeyOrAKnownTokenFormat() {
        List<String> findings = new ArrayList<>();
        for (Path file : textFiles()) {
            String text = String.join("\n", lines(file));
            if (PRIVATE_KEY.matcher(text).find() || KNOWN_TOKENS.matcher(text).find()) {
                findings.add(repo.relativize(file).toString());
            }
        }
        assertThat(findings).isEmpty();
    }

    @Test
    void theScannerFindsWhatItLooksFor() {
        // The patterns, on lines such a file could contain: a check that cannot fail protects nothing.
        assertThat(ASSIGNMENT.matcher("    password: hunter2").matches()).isTrue();
        assertThat(SECRET_NAME.matcher("SPRING_DATA_REDIS_PASSWORD").matches()).isTrue();
        assertThat(SECRET_NAME.matcher("spring.data.redis.password").matches()).isTrue();
        assertThat(PLACEHOLDER_WITHOUT_DEFAULT
                        .matcher("${SPRING_DATA_REDIS_PASSWORD}")
                        .matches())
                .isTrue();
        assertThat(PLACEHOLDER_WITHOUT_DEFAULT
                        .matcher("${ZOOLENS_MONGO_PASSWORD:?set it in .env}")
                        .matches())
                .isTrue();
        assertThat(PLACEHOLDER_WITHOUT_DEFAULT
                        .matcher("${REDIS_PASSWORD:changeme}")
                        .matches())
                .isFalse();
        assertThat(PLACEHOLDER_WITHOUT_DEFAULT
                        .matcher("${REDIS_PASSWORD:-changeme}")
                        .matches())
                .isFalse();
        assertThat(isReference("\"$(redis_password)\"")).isTrue();
        assertThat(isReference("${REDIS_PASSWORD:-changeme}")).isFalse();
        assertThat(isReference("hunter2")).isFalse();
        assertThat(URL_CREDENTIALS
                        .matcher("mongodb://zoolens:" + "s3cret@mongo:27017")
                        .find())
                .isTrue();
        assertThat(URL_CREDENTIALS
                        .matcher("mongodb://zoolens:${ZOOLENS_MONGO_PASSWORD}@mongo")
                        .find())
                .isTrue();
        assertThat(configurationFiles())
                .contains(
                        repo.resolve(".env.template"),
                        repo.resolve("docker-compose.yml"),
                        repo.resolve("api-service/src/main/resources/application.yml"),
                        repo.resolve("classifier-service/src/main/resources/application.yml"),
                        repo.resolve("gateway-nginx/conf.d/zoolens.conf.template"));
    }

    /**
     * Empty, a placeholder without a default ({@code ${X}}, {@code ${X:?message}}), or a shell reference to a
     * variable or command ({@code "$REDIS_PASSWORD"}, {@code "$(redis_password)"}): the value comes from elsewhere.
     */
    private static boolean isReference(String value) {
        String bare = value.replaceAll("^[\"']|[\"']$", "");
        if (bare.isEmpty() || PLACEHOLDER_WITHOUT_DEFAULT.matcher(value).matches()) {
            return true;
        }
        return !bare.startsWith("${") && bare.matches("\\$(\\(|[A-Za-z_]).*");
    }

    /** Committed configuration: what is deployed or read at start-up, not test fixtures. */
    private List<Path> configurationFiles() {
        return textFiles().stream()
                .filter(file -> !file.toString().contains("/src/test/"))
                .filter(file -> {
                    String name = file.getFileName().toString();
                    return name.matches("application.*\\.(ya?ml|properties)|docker-compose.*\\.ya?ml|\\.env.*"
                                    + "|.*\\.template|.*\\.conf|Dockerfile|.*\\.sh")
                            || file.toString().contains("/k8s/")
                            || file.toString().contains("/deploy/");
                })
                .toList();
    }

    private List<Path> textFiles() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(repo)) {
            paths.filter(Files::isRegularFile)
                    .filter(path -> repo.relativize(path).getNameCount() > 0)
                    .filter(path -> {
                        for (Path part : repo.relativize(path)) {
                            if (SKIPPED_DIRS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .filter(path -> !path.getFileName()
                            .toString()
                            .matches(".*\\.(png|jpe?g|gif|webp|bmp|ico|jar|class|pb|bin|zip|gz|woff2?)$"))
                    .forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException binary) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String where(Path file, int index) {
        return repo.relativize(file) + ":" + (index + 1) + ": ";
    }
}
