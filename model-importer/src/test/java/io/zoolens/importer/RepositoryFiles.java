package io.zoolens.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the importer tests share with the rest of the repository: the default model and the fetched photos. */
final class RepositoryFiles {

    private RepositoryFiles() {}

    /** A real photo that scripts/fetch-test-images.sh puts in .cache/test-images. */
    static byte[] photo(String fileName) {
        Path path = repositoryRoot().resolve(".cache/test-images").resolve(fileName);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(
                    path + " is missing: run scripts/fetch-test-images.sh (CI runs it in .ci/run)");
        }
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding mvnw. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (no mvnw above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }
}
