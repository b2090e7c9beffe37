package io.zoolens.bench.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The real JPEG photos the benchmarks send, from {@code .cache/test-images} (scripts/fetch-test-images.sh). */
public final class TestImages {

    /** One photo: its file name and bytes. */
    public record Photo(String name, byte[] bytes) {}

    private TestImages() {}

    /** Every {@code *.jpg} in the folder, by name; fails when there is none. */
    public static List<Photo> jpegs(Path dir) {
        return jpegs(dir, "");
    }

    /**
     * The 12 MP phone-sized JPEGs scripts/LargeTestImages.java makes in {@code large/} (4032×3024, 2–4 MB, one
     * stored sideways with EXIF orientation 6); fails when there is none.
     */
    public static List<Photo> twelveMegapixel(Path dir) {
        return jpegs(dir.resolve("large"), "-12mp");
    }

    private static List<Photo> jpegs(Path dir, String nameContains) {
        List<Photo> photos = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if ((name.endsWith(".jpg") || name.endsWith(".jpeg")) && name.contains(nameContains)) {
                    photos.add(new Photo(name, Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no test photos in " + dir + " (run: make test-images)", e);
        }
        if (photos.isEmpty()) {
            throw new IllegalStateException("no JPEG photos in " + dir + " (run: make test-images)");
        }
        return photos;
    }
}
