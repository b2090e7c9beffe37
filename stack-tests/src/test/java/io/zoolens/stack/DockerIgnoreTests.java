package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DockerIgnore against the rules Docker documents for .dockerignore, and the repository's own file. */
class DockerIgnoreTests {

    @ParameterizedTest(name = "{0} excludes {1}: {2}")
    @CsvSource({
        "**/target, target, true",
        "**/target, api-service/target/x.jar, true",
        "**/target, a/b/target, true",
        "**/target, api-service/targets/x, false",
        ".git, .git/config, true",
        ".git, sub/.git, false",
        "*.log, build.log, true",
        "*.log, logs/build.log, false",
        "*/temp*, somedir/temporary.txt, true",
        "*/temp*, somedir/sub/temporary.txt, false",
        "temp?, tempa, true",
        "temp?, tempab, false",
        "/frontend/dist/, frontend/dist/assets/index.js, true",
        "./models, models/coco/1/saved_model.pb, true",
        "file[0-9].txt, file7.txt, true",
        "file[^0-9].txt, file7.txt, false",
        "file[^0-9].txt, fileA.txt, true",
        "a\\*b, a*b, true",
        "a\\*b, axb, false"
    })
    void patternsMatchAsDockerDocumentsThem(String pattern, String path, boolean excluded) {
        assertThat(DockerIgnore.parse(pattern).excludes(path)).isEqualTo(excluded);
    }

    @Test
    void anExceptionBringsAPathBackAndTheLastMatchingLineDecides() {
        DockerIgnore readmesBack = DockerIgnore.parse("*.md\n!README*.md\nREADME-secret.md\n");
        DockerIgnore allReadmesBack = DockerIgnore.parse("*.md\nREADME-secret.md\n!README*.md\n");

        assertThat(readmesBack.excludes("CHANGES.md")).isTrue();
        assertThat(readmesBack.excludes("README.md")).isFalse();
        assertThat(readmesBack.excludes("README-secret.md")).isTrue();
        assertThat(allReadmesBack.excludes("README-secret.md")).isFalse();
        assertThat(readmesBack.hasExceptions()).isTrue();
    }

    @Test
    void commentsAndBlankLinesAreSkippedAndABareExclamationMarkIsRefused() {
        DockerIgnore ignore = DockerIgnore.parse("# target\n\n   \n  node_modules  \n");

        assertThat(ignore.excludes("target")).isFalse();
        assertThat(ignore.excludes("node_modules/vue/index.js")).isTrue();
        assertThat(ignore.hasExceptions()).isFalse();
        assertThatThrownBy(() -> DockerIgnore.parse("!\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRepositorysFileKeepsSourcesAndLeavesOutBuildOutputStateAndSecrets() {
        var repo = StackPaths.repoDir();
        DockerIgnore ignore = DockerIgnore.forBuild(repo, repo.resolve("api-service/Dockerfile"));

        assertThat(ignore.excludes("api-service/target/api-service-0.1.0-SNAPSHOT.jar"))
                .isTrue();
        assertThat(ignore.excludes("frontend/node_modules/vue/package.json")).isTrue();
        assertThat(ignore.excludes("frontend/dist/index.html")).isTrue();
        assertThat(ignore.excludes("models/coco-centernet/1/saved_model.pb")).isTrue();
        assertThat(ignore.excludes(".cache/npm/human-models-3.0.4/.complete")).isTrue();
        assertThat(ignore.excludes(".env")).isTrue();
        assertThat(ignore.excludes("var/secrets/redis-password")).isTrue();
        assertThat(ignore.excludes("api-service/src/main/resources/application.yml"))
                .isFalse();
        assertThat(ignore.excludes("frontend/src/main.ts")).isFalse();
        assertThat(ignore.excludes(".env.template")).isFalse();
        assertThat(ignore.excludes("scripts/fetch-default-model.sh")).isFalse();
    }
}
