package io.zoolens.api.albumimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipEndTests {

    @TempDir
    Path folder;

    @Test
    void theEndRecordStatesTheEntriesAndTheDirectorysSize() throws IOException {
        Path archive = write(AlbumImportIT.zip(Map.of("cats/a.jpg", new byte[] {1, 2}, "dogs/b.jpg", new byte[] {3})));

        ZipEnd end = ZipEnd.of(archive).orElseThrow();

        assertThat(end.entries()).isEqualTo(2);
        // Two records of 46 bytes and a 10-byte name each.
        assertThat(end.directoryBytes()).isEqualTo(2 * (46 + 10));
    }

    @Test
    void moreThan65535EntriesAreReadFromTheZip64EndRecord() throws IOException {
        Map<String, byte[]> tree = new LinkedHashMap<>();
        for (int i = 0; i < 70_000; i++) {
            tree.put("f/" + i, new byte[0]);
        }
        Path archive = write(AlbumImportIT.zip(tree));

        assertThat(ZipEnd.of(archive).orElseThrow().entries()).isEqualTo(70_000);
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            assertThat(zip.size()).as("the JDK agrees").isEqualTo(70_000);
        }
    }

    @Test
    void withoutAnEndRecordItIsNoZip() throws IOException {
        assertThat(ZipEnd.of(write(new byte[0]))).isEmpty();
        assertThat(ZipEnd.of(write("PK\u0005\u0006 too short".getBytes()))).isEmpty();
        assertThat(ZipEnd.of(write(new byte[100_000]))).isEmpty();
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(folder, "archive", ".zip");
        Files.write(file, bytes);
        return file;
    }
}
