package io.zoolens.classifier.catalog;

import io.zoolens.classifier.runtime.InvalidModelException;
import io.zoolens.classifier.runtime.LoadedModel;
import io.zoolens.classifier.runtime.ModelLoader;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the registry in step with the models folder: loads new versions, reloads changed ones and
 * retires removed ones. A new version is loaded and warmed up before it is published, so requests
 * move to it without a gap. Copy a version in under a temporary name and rename it into place, or
 * write {@code zoolens-model.json} last: a folder without it is not looked at.
 */
@Component
public class ModelFolderScanner {

    private static final Logger log = LoggerFactory.getLogger(ModelFolderScanner.class);

    private final ModelProperties properties;
    private final ModelLoader loader;
    private final ModelRegistry registry;
    /** What each loaded folder looked like when loaded, to notice replaced files. */
    private final Map<Path, FolderStamp> loadedStamps = new HashMap<>();
    /** Folders that failed, with the stamp they failed at: retried only once their files change. */
    private final Map<Path, FolderStamp> failedStamps = new HashMap<>();

    private final Map<String, String> failures = new java.util.concurrent.ConcurrentHashMap<>();

    ModelFolderScanner(ModelProperties properties, ModelLoader loader, ModelRegistry registry) {
        this.properties = properties;
        this.loader = loader;
        this.registry = registry;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${zoolens.models.scan-interval:5s}")
    synchronized void scan() {
        Map<String, NavigableMap<String, LoadedModel>> current = registry.snapshot();
        Map<String, NavigableMap<String, LoadedModel>> next = new TreeMap<>();
        List<LoadedModel> toRetire = new ArrayList<>();
        List<Path> present = versionFolders();
        for (Path dir : present) {
            String name = dir.getParent().getFileName().toString();
            String version = dir.getFileName().toString();
            FolderStamp stamp = FolderStamp.of(dir);
            LoadedModel existing = current.getOrDefault(name, new TreeMap<>()).get(version);
            if (existing != null && stamp.equals(loadedStamps.get(dir))) {
                put(next, existing);
                continue;
            }
            if (stamp.equals(failedStamps.get(dir))) {
                continue;
            }
            try {
                LoadedModel loaded = loader.load(dir);
                put(next, loaded);
                loadedStamps.put(dir, stamp);
                failedStamps.remove(dir);
                failures.remove(name + "/" + version);
                if (existing != null) {
                    toRetire.add(existing);
                }
            } catch (InvalidModelException | IOException | RuntimeException e) {
                log.error("{}", e.getMessage(), e.getCause() == null ? null : e);
                failedStamps.put(dir, stamp);
                failures.put(name + "/" + version, e.getMessage());
                if (existing != null) {
                    put(next, existing); // keep serving the copy that worked
                }
            }
        }
        current.values()
                .forEach(versions -> versions.values().stream()
                        .filter(model -> !present.contains(model.directory()))
                        .forEach(model -> {
                            log.info(
                                    "Model {} version {} was removed from {}; retiring it",
                                    model.name(),
                                    model.version(),
                                    properties.dir());
                            loadedStamps.remove(model.directory());
                            toRetire.add(model);
                        }));
        failedStamps.keySet().retainAll(present);
        registry.publish(next);
        toRetire.forEach(LoadedModel::retire);
    }

    /**
     * Scans now rather than at the next interval: a version just written is loaded (and one just deleted retired)
     * before the caller answers. Waits for a scan in progress.
     */
    public void rescan() {
        scan();
    }

    /** Whether {@code name/version} failed to load at the last scan, and why. */
    public Optional<String> failure(String name, String version) {
        return Optional.ofNullable(failures.get(name + "/" + version));
    }

    /** Versions that could not be loaded, as "name/version" → reason. */
    Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    @PreDestroy
    synchronized void retireAll() {
        Map<String, NavigableMap<String, LoadedModel>> current = registry.snapshot();
        registry.publish(Map.of());
        current.values().forEach(versions -> versions.values().forEach(LoadedModel::retire));
    }

    private static void put(Map<String, NavigableMap<String, LoadedModel>> models, LoadedModel model) {
        models.computeIfAbsent(model.name(), n -> new TreeMap<>(ModelRegistry.VERSION_ORDER))
                .put(model.version(), model);
    }

    private List<Path> versionFolders() {
        Path root = properties.dir();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> names = Files.list(root)) {
            List<Path> result = new ArrayList<>();
            for (Path nameDir : names.filter(Files::isDirectory).toList()) {
                try (Stream<Path> versions = Files.list(nameDir)) {
                    versions.filter(v -> Files.isRegularFile(v.resolve(ModelLoader.METADATA_FILE)))
                            .filter(v -> !v.getFileName().toString().startsWith("."))
                            .forEach(result::add);
                }
            }
            return result;
        } catch (IOException e) {
            log.warn("Cannot read the models folder {}: {}", root, e.toString());
            return List.of();
        }
    }

    /** Sizes and modification times of the files that make a version. */
    record FolderStamp(List<String> files) {

        static FolderStamp of(Path dir) {
            try (Stream<Path> files = Files.list(dir)) {
                return new FolderStamp(files.filter(Files::isRegularFile)
                        .sorted()
                        .map(FolderStamp::describe)
                        .toList());
            } catch (IOException e) {
                return new FolderStamp(List.of("unreadable"));
            }
        }

        private static String describe(Path file) {
            try {
                return file.getFileName() + ":" + Files.size(file) + ":"
                        + Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                return file.getFileName() + ":?";
            }
        }
    }
}
