package io.zoolens.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction on a stand-in jar layout, so the test does not copy a gigabyte of real libraries. */
class TensorFlowNativeLibrariesTests {

    @TempDir
    Path temp;

    @Test
    void extractsTheListedLibrariesOnceIntoAVersionedFolder() throws IOException {
        ClassLoader jar = fakeJar("2.16.1-test", "libone.so", "libtwo.so.2");
        Path cache = temp.resolve("cache");
        TensorFlowNativeLibraries libraries = new TensorFlowNativeLibraries(cache, jar);

        Path dir = libraries.extract();
        assertThat(dir).isEqualTo(cache.resolve("2.16.1-test"));
        assertThat(dir.resolve("libone.so")).hasContent("libone.so bytes");
        assertThat(dir.resolve("libtwo.so.2")).hasContent("libtwo.so.2 bytes");

        Files.writeString(dir.resolve("libone.so"), "already there");
        assertThat(libraries.extract()).isEqualTo(dir);
        assertThat(dir.resolve("libone.so")).as("a complete folder is reused").hasContent("already there");
        try (var leftovers = Files.list(cache)) {
            assertThat(leftovers).as("no temporary folders left behind").containsExactly(dir);
        }
    }

    @Test
    void saysWhichJarIsMissing() {
        TensorFlowNativeLibraries libraries = new TensorFlowNativeLibraries(temp, new URLClassLoader(new URL[0], null));
        assertThatThrownBy(libraries::extract).hasMessageContaining("No DJL TensorFlow native jar");
    }

    private ClassLoader fakeJar(String version, String... libraries) throws IOException {
        Path root = temp.resolve("jar");
        Path lib = Files.createDirectories(root.resolve("native/lib"));
        Files.writeString(
                lib.resolve("tensorflow.properties"),
                "version=" + version + "\nlibraries=" + String.join(",", libraries) + "\n");
        for (String library : libraries) {
            Files.writeString(lib.resolve(library), library + " bytes");
        }
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
