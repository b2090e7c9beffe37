package io.zoolens.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leftovers of a killed classifier go, on real folders; anything that may be in use or is not ours stays. */
class LeftoverFoldersTests {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @TempDir
    Path models;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void oldStagingAndDeletingFoldersOfCustomModelsGoEverythingElseStays() throws IOException {
        Path staleStaging = folder("u-alice-dogs/.3.training-8812345", NOW.minus(Duration.ofMinutes(11)));
        Path staleDeleting = folder("u-alice-dogs/.deleting-1-99187", NOW.minus(Duration.ofHours(5)));
        Path writingNow = folder("u-alice-dogs/.4.training-1177", NOW.minus(Duration.ofSeconds(3)));
        // An old folder with a file written a moment ago: a version being written right now.
        Path oldFolderFreshFile = folder("u-alice-cats/.2.training-5531", NOW.minus(Duration.ofHours(1)));
        Files.writeString(oldFolderFreshFile.resolve("saved_model.pb"), "partial");
        Files.setLastModifiedTime(oldFolderFreshFile.resolve("saved_model.pb"), FileTime.from(NOW.minusSeconds(1)));
        Files.setLastModifiedTime(oldFolderFreshFile, FileTime.from(NOW.minus(Duration.ofHours(1))));
        Path version = folder("u-alice-dogs/1", NOW.minus(Duration.ofDays(30)));
        Path notOurs = folder("coco-centernet/.1.training-42", NOW.minus(Duration.ofDays(30)));
        Path otherHidden = folder("u-alice-dogs/.keep", NOW.minus(Duration.ofDays(30)));

        var deleted = new LeftoverFolders(models, Duration.ofMinutes(10), clock).sweep();

        assertThat(deleted).containsExactlyInAnyOrder(staleStaging, staleDeleting);
        assertThat(staleStaging).doesNotExist();
        assertThat(staleDeleting).doesNotExist();
        assertThat(writingNow).isDirectory();
        assertThat(oldFolderFreshFile.resolve("saved_model.pb")).isRegularFile();
        assertThat(version.resolve("zoolens-model.json")).isRegularFile();
        assertThat(notOurs).isDirectory();
        assertThat(otherHidden).isDirectory();
    }

    @Test
    void aMissingModelsFolderOrAModelDeletedMeanwhileIsNothingToDo() throws IOException {
        assertThat(new LeftoverFolders(models.resolve("absent"), Duration.ofMinutes(10), clock).sweep())
                .isEmpty();
        assertThat(new LeftoverFolders(models, Duration.ofMinutes(10), clock).sweep())
                .isEmpty();
    }

    @Test
    void onlyTheNamesTheClassifierGivesCount() {
        assertThat(LeftoverFolders.leftoverName(".12.training-123456789")).isTrue();
        assertThat(LeftoverFolders.leftoverName(".deleting-3-123456")).isTrue();
        assertThat(LeftoverFolders.leftoverName("3")).isFalse();
        assertThat(LeftoverFolders.leftoverName(".training-1")).isFalse();
        assertThat(LeftoverFolders.leftoverName(".DS_Store")).isFalse();
    }

    /** A folder with a file in it, everything last changed at {@code changed}. */
    private Path folder(String relative, Instant changed) throws IOException {
        Path dir = Files.createDirectories(models.resolve(relative));
        Files.writeString(dir.resolve("zoolens-model.json"), "{}");
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setLastModifiedTime(path, FileTime.from(changed));
            }
        }
        return dir;
    }
}
