package io.zoolens.classifier.training;

import io.zoolens.classifier.catalog.ModelProperties;
import io.zoolens.training.compose.ComposedModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes what a classifier killed at the wrong moment leaves in custom model folders: a hidden staging folder of
 * a version being written ({@code .<version>.training-…}) or a version hidden to be deleted ({@code .deleting-…}).
 * Neither is ever served. A folder counts as left over only when nothing in it changed for {@code leftoverAge}
 * (10 minutes): a version being written now, by this process or another one sharing the folder, changes every
 * second, and writing one takes seconds, so it is never touched. Runs at start-up and every minute; only in
 * {@code u-…} folders, never in a model Zoolens did not train.
 */
@Component
class LeftoverFolders {

    private static final Logger log = LoggerFactory.getLogger(LeftoverFolders.class);

    private final Path modelsDir;
    private final Duration age;
    private final Clock clock;

    @Autowired
    LeftoverFolders(ModelProperties models, TrainingProperties properties) {
        this(models.dir(), properties.leftoverAge(), Clock.systemUTC());
    }

    LeftoverFolders(Path modelsDir, Duration age, Clock clock) {
        this.modelsDir = modelsDir;
        this.age = age;
        this.clock = clock;
    }

    @Scheduled(initialDelay = 0, fixedDelayString = "${zoolens.training.leftover-sweep-interval:1m}")
    void scheduledSweep() {
        try {
            sweep();
        } catch (IOException | RuntimeException e) {
            log.warn("could not clean leftover folders in {}: {}", modelsDir, e.toString());
        }
    }

    /** Deletes the leftovers older than the age; answers the folders deleted. */
    List<Path> sweep() throws IOException {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(modelsDir)) {
            return deleted;
        }
        Instant before = clock.instant().minus(age);
        List<Path> models;
        try (Stream<Path> children = Files.list(modelsDir)) {
            models = children.filter(path -> path.getFileName().toString().startsWith(CustomModelNames.PREFIX))
                    .filter(path -> Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .toList();
        }
        for (Path model : models) {
            try {
                List<Path> hidden;
                try (Stream<Path> children = Files.list(model)) {
                    hidden = children.filter(
                                    path -> leftoverName(path.getFileName().toString()))
                            .toList();
                }
                for (Path folder : hidden) {
                    if (lastChange(folder).isBefore(before)) {
                        deleteRecursively(folder);
                        deleted.add(folder);
                        log.info("deleted {}, left over by a process stopped while writing or deleting it", folder);
                    }
                }
            } catch (NoSuchFileException e) {
                // the model (or the folder) was deleted meanwhile: nothing left to clean there
            }
        }
        return deleted;
    }

    static boolean leftoverName(String name) {
        return ComposedModelWriter.isStaging(name) || name.startsWith(ModelDeletion.HIDDEN_PREFIX);
    }

    /** The newest modification time of the folder or anything in it. */
    private static Instant lastChange(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path path : paths.toList()) {
                FileTime time = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS);
                if (time.compareTo(newest) > 0) {
                    newest = time;
                }
            }
            return newest.toInstant();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
