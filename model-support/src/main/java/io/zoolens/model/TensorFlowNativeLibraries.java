package io.zoolens.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the TensorFlow native libraries from DJL's native jar ({@code tensorflow-native-cu121},
 * TensorFlow 2.16.1) usable offline.
 *
 * <p>DJL accepts that jar only on hosts with CUDA 12.1 and otherwise tries to download CPU libraries,
 * which fails without internet. The libraries themselves run on CPU-only hosts too: extracting
 * {@code native/lib/*} ourselves and pointing {@code TENSORFLOW_LIBRARY_PATH} at the folder makes DJL
 * load them directly, and they use a GPU when CUDA 12 and cuDNN 8.9 are present. The benchmarks'
 * legacy engine ({@code tensorflow-native-cpu} 2.10.1) has the same layout and goes the same way.
 */
public final class TensorFlowNativeLibraries {

    static final String LIBRARY_PATH_PROPERTY = "TENSORFLOW_LIBRARY_PATH";
    private static final String RESOURCE_DIR = "native/lib/";
    private static final String COMPLETE_MARKER = ".complete";
    private static final Logger log = LoggerFactory.getLogger(TensorFlowNativeLibraries.class);

    private final Path cacheRoot;
    private final ClassLoader classLoader;

    public TensorFlowNativeLibraries(Path cacheRoot, ClassLoader classLoader) {
        this.cacheRoot = cacheRoot;
        this.classLoader = classLoader;
    }

    /**
     * Points DJL at the native libraries, extracting them first when needed, and returns the folder.
     * An explicit {@code TENSORFLOW_LIBRARY_PATH} (environment or system property) wins.
     */
    public Path prepare() {
        String configured = System.getenv(LIBRARY_PATH_PROPERTY);
        if (configured == null) {
            configured = System.getProperty(LIBRARY_PATH_PROPERTY);
        }
        if (configured != null && !configured.isBlank()) {
            log.info("Using TensorFlow native libraries from {}", configured);
            return Path.of(configured);
        }
        Path dir = extract();
        System.setProperty(LIBRARY_PATH_PROPERTY, dir.toString());
        // Never let DJL reach for the network: everything it needs is local.
        System.setProperty("ai.djl.offline", "true");
        return dir;
    }

    /** The folder holding the libraries, extracting them unless a complete copy is already there. */
    Path extract() {
        Properties bundle = readBundleProperties();
        String version = bundle.getProperty("version", "unknown");
        List<String> libraries = List.of(bundle.getProperty("libraries", "").split(","));
        Path dir = cacheRoot.resolve(version);
        if (Files.exists(dir.resolve(COMPLETE_MARKER))) {
            return dir;
        }
        Path tmp = null;
        try {
            Files.createDirectories(cacheRoot);
            tmp = Files.createTempDirectory(cacheRoot, "extract-");
            long started = System.nanoTime();
            for (String library : libraries) {
                try (InputStream in = classLoader.getResourceAsStream(RESOURCE_DIR + library.trim())) {
                    if (in == null) {
                        throw new IllegalStateException("Native library " + library + " is missing from the classpath");
                    }
                    Files.copy(in, tmp.resolve(library.trim()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.createFile(tmp.resolve(COMPLETE_MARKER));
            moveIntoPlace(tmp, dir);
            log.info(
                    "Extracted TensorFlow {} native libraries to {} in {} ms",
                    version,
                    dir,
                    (System.nanoTime() - started) / 1_000_000);
            return dir;
        } catch (IOException e) {
            deleteQuietly(tmp); // a full disk keeps no half-written copy
            throw new UncheckedIOException("Cannot extract TensorFlow native libraries to " + cacheRoot, e);
        }
    }

    /** Another process may have won the race; its complete copy is as good as ours. */
    private static void moveIntoPlace(Path tmp, Path dir) throws IOException {
        try {
            if (Files.exists(dir)) {
                deleteRecursively(dir);
            }
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
                throw e;
            }
            deleteRecursively(tmp);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            deleteRecursively(dir);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove the partial extraction {}: {}", dir, e.toString());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private Properties readBundleProperties() {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE_DIR + "tensorflow.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "No DJL TensorFlow native jar (ai.djl.tensorflow:tensorflow-native-*) on the classpath: no "
                                + RESOURCE_DIR + "tensorflow.properties");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
