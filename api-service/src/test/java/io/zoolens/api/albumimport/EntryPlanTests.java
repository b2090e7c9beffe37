package io.zoolens.api.albumimport;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.albumimport.EntryPlan.Picture;
import io.zoolens.api.albumimport.EntryPlan.Skipped;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryPlanTests {

    @Test
    void aFileInAFolderIsAPictureForTheAlbumOfThatName() {
        assertThat(EntryPlan.of(List.of("cats/", "cats/a.jpg", "Big Dogs/b.png")))
                .containsExactly(
                        new Picture("cats/a.jpg", "cats", "a.jpg"), new Picture("Big Dogs/b.png", "Big Dogs", "b.png"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "../x.jpg",
                "cats/../../x.jpg",
                "/etc/x.jpg",
                "C:/x.jpg",
                "c:x.jpg",
                "\\\\server\\x.jpg",
                "cats\\..\\..\\x.jpg",
                "cats//x.jpg",
                "cats/./x.jpg",
                "cats/x\0.jpg"
            })
    void traversalAndAbsoluteNamesAreUnsafe(String name) {
        assertThat(EntryPlan.of(List.of(name, "cats/fine.jpg")))
                .containsExactly(
                        new Skipped(
                                name,
                                "unsafe-path",
                                "Absolute names and names with . or .. segments are not imported."),
                        new Picture("cats/fine.jpg", "cats", "fine.jpg"));
    }

    @Test
    void macOsForksDotFilesAndWindowsNoiseAreIgnored() {
        assertThat(EntryPlan.of(List.of(
                        "__MACOSX/cats/._a.jpg",
                        "cats/.DS_Store",
                        ".hidden/a.jpg",
                        "cats/Thumbs.db",
                        "cats/desktop.ini")))
                .isEmpty();
    }

    @Test
    void filesAtTheTopAndDeeperThanOneFolderAreSkipped() {
        List<EntryPlan.Item> plan = EntryPlan.of(List.of("top.jpg", "cats/kittens/a.jpg", "cats/b.jpg"));

        assertThat(plan)
                .extracting(EntryPlan.Item::name)
                .containsExactly("top.jpg", "cats/kittens/a.jpg", "cats/b.jpg");
        assertThat(((Skipped) plan.get(0)).reason()).isEqualTo("not-in-a-folder");
        assertThat(((Skipped) plan.get(1)).reason()).isEqualTo("nested-folder");
        assertThat(plan.get(2)).isInstanceOf(Picture.class);
    }

    @Test
    void oneWrapperFolderAroundAllFoldersIsDropped() {
        assertThat(EntryPlan.of(
                        List.of("animals/", "animals/cats/a.jpg", "animals/dogs/b.jpg", "__MACOSX/animals/._x")))
                .containsExactly(
                        new Picture("animals/cats/a.jpg", "cats", "a.jpg"),
                        new Picture("animals/dogs/b.jpg", "dogs", "b.jpg"));
        // A wrapper with a picture of its own is an album itself; its subfolders are nested.
        assertThat(EntryPlan.of(List.of("animals/a.jpg", "animals/cats/b.jpg")))
                .extracting(item -> item instanceof Skipped skipped ? skipped.reason() : "picture")
                .containsExactly("picture", "nested-folder");
    }

    @Test
    void folderNamesLoseDisguisingCharactersAndMustFitAnAlbumName() {
        assertThat(EntryPlan.of(List.of(" Zoo\u202E /a.jpg")))
                .containsExactly(new Picture(" Zoo\u202E /a.jpg", "Zoo", "a.jpg"));
        String tooLong = "x".repeat(EntryPlan.MAX_ALBUM_NAME + 1);
        assertThat(EntryPlan.of(List.of(tooLong + "/a.jpg", "\u200E /b.jpg")))
                .extracting(item -> ((Skipped) item).reason())
                .containsExactly("bad-folder-name", "bad-folder-name");
    }
}
