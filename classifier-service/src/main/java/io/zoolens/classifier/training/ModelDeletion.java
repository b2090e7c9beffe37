package io.zoolens.classifier.training;

import io.zoolens.classifier.catalog.ModelFolderScanner;
import io.zoolens.classifier.catalog.ModelProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Deletes custom model versions (never any other model: names are checked first) and unloads them. A version
 * is first renamed to a hidden name, which the scanner ignores, so it is never seen half deleted.
 */
@Service
class ModelDeletion {

    /** Versions being deleted are renamed to this prefix first; {@link LeftoverFolders} removes any left over. */
    static final String HIDDEN_PREFIX = ".deleting-";

    private final CustomModelNames names;
    private final ModelFolderScanner scanner;
    private final RecordedVersions recorded;
    private final Path modelsDir;

    ModelDeletion(
            CustomModelNames names, ModelFolderScanner scanner, RecordedVersions recorded, ModelProperties models) {
        this.names = names;
        this.recorded = recorded;
        this.scanner = scanner;
        this.modelsDir = models.dir();
    }

    void deleteModel(String name) throws IOException {
        Path modelDir = modelsDir.resolve(names.customModel(name, null));
        if (!Files.isDirectory(modelDir)) {
            return;
        }
        try {
            List<Path> versions;
            try (Stream<Path> children = Files.list(modelDir)) {
                versions = children.filter(
                                path -> !path.getFileName().toString().startsWith("."))
                        .toList();
            }
            for (Path version : versions) {
                hide(version);
            }
            deleteRecursively(modelDir);
        } catch (IOException e) {
            throw Storage.readOnly(e, "models folder");
        } finally {
            scanner.rescan();
        }
    }

    /**
     * Deletes one version; with {@code jobId} only if that job wrote it ({@code training.jobId} in its metadata),
     * else {@link VersionReplacedException}: a version number can be written again after a deletion, so a late
     * retry must not take the newer version. Gone already is done.
     */
    void deleteVersion(String name, String version, String jobId) throws IOException {
        Path modelDir = modelsDir.resolve(names.customModel(name, null));
        Path versionDir = modelDir.resolve(names.version(version));
        String expectedJob = jobId == null ? null : names.jobId(jobId);
        if (!Files.isDirectory(versionDir)) {
            return;
        }
        if (expectedJob != null) {
            String writtenBy = recorded.jobOf(versionDir).orElse(null);
            if (!expectedJob.equals(writtenBy)) {
                throw new VersionReplacedException(version, expectedJob, writtenBy);
            }
        }
        try {
            deleteRecursively(hide(versionDir));
        } catch (IOException e) {
            throw Storage.readOnly(e, "models folder");
        } finally {
            scanner.rescan();
        }
    }

    private static Path hide(Path dir) throws IOException {
        Path hidden = dir.resolveSibling(HIDDEN_PREFIX + dir.getFileName() + "-" + System.nanoTime());
        Files.move(dir, hidden);
        // Marked as changed now: LeftoverFolders leaves a folder alone while it is being deleted.
        Files.setLastModifiedTime(hidden, FileTime.from(Instant.now()));
        return hidden;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
