package io.zoolens.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the test stack's files are, as the build passes them (pom.xml). */
final class StackPaths {

    private StackPaths() {}

    static Path repoDir() {
        Path dir = Path.of(System.getProperty("zoolens.repo.dir", ".."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isRegularFile(dir.resolve("scripts/stack/up.sh"))) {
            throw new IllegalStateException("not the Zoolens repository (no scripts/stack/up.sh): " + dir);
        }
        return dir;
    }

    static Path stackDir() {
        return Path.of(System.getProperty("zoolens.stack.dir", "target/stack"))
                .toAbsolutePath()
                .normalize();
    }

    /** A photo fetched by scripts/fetch-test-images.sh (make test runs it first). */
    static Path testImage(String name) {
        Path image = repoDir().resolve(".cache/test-images").resolve(name);
        if (!Files.isRegularFile(image)) {
            throw new IllegalStateException(image + " is missing: run scripts/fetch-test-images.sh");
        }
        return image;
    }
}
