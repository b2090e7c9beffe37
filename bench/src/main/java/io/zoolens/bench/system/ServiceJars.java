package io.zoolens.bench.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The packaged service jars a benchmark runs, found in the modules' {@code target/} folders. */
public final class ServiceJars {

    private ServiceJars() {}

    /** The classifier's executable jar, e.g. {@code classifier-service/target/classifier-service-0.1.0.jar}. */
    public static Path classifier(Path repoDir) {
        Path target = repoDir.resolve("classifier-service/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith("classifier-service-") && name.endsWith(".jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> missing(target));
        } catch (IOException e) {
            throw missing(target);
        }
    }

    /**
     * A private copy of a jar, so a rebuild (another {@code mvn package}) never rewrites the jar under the running
     * JVM, as scripts/stack/up.sh does with var/lib.
     */
    public static Path copy(Path jar, Path dir) {
        try {
            Files.createDirectories(dir);
            Path copy = dir.resolve(jar.getFileName());
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IllegalStateException missing(Path target) {
        return new IllegalStateException("no classifier jar in " + target
                + "; build it first: ./mvnw -DskipTests -pl classifier-service -am package");
    }
}
