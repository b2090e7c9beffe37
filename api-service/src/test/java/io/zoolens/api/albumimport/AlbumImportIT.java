package io.zoolens.api.albumimport;

import static io.zoolens.api.support.ProblemAssertions.assertRefusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.Pages;
import io.zoolens.image.testing.TestImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AlbumImportIT extends ApiIntegrationTest {

    static final String IMPORT = "/api/albums/import";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aTreeOfThreeFoldersBecomesThreeAlbumsOfClassifiedPicturesAndAnAlbumOfThatNameIsReused() {
        Browser browser = signedIn("import");
        String birds = browser.postJson("/api/albums", Map.of("name", "birds"))
                .json()
                .path("id")
                .asString();
        Map<String, byte[]> tree = new LinkedHashMap<>();
        tree.put("cats/", null);
        tree.put("cats/a.jpg", TestImages.jpeg(40, 30));
        tree.put("cats/b.jpg", TestImages.jpeg(41, 30));
        tree.put("cats/c.png", TestImages.png(42, 30));
        tree.put("Dogs/d.png", TestImages.png(43, 30));
        tree.put("Dogs/e.jpg", TestImages.jpeg(44, 30));
        tree.put("Birds/f.jpg", TestImages.jpeg(45, 30));
        tree.put("__MACOSX/cats/._a.jpg", new byte[] {0, 5, 22, 7});
        tree.put("cats/.DS_Store", new byte[] {0, 0, 0, 1});

        Response response = browser.postBody(IMPORT, "application/zip", zip(tree));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        JsonNode summary = response.json();
        assertThat(summary.path("imported").asInt()).isEqualTo(6);
        assertThat(summary.path("pending").asInt()).isZero();
        assertThat(summary.path("skipped").size())
                .as("ignored entries are not listed")
                .isZero();
        JsonNode albums = summary.path("albums");
        assertThat(albums.findValuesAsString("name")).containsExactly("cats", "Dogs", "birds");
        JsonNode cats = Pages.find(albums, "name", "cats");
        assertThat(cats.path("created").asBoolean()).isTrue();
        assertThat(cats.path("imported").asInt()).isEqualTo(3);
        assertThat(cats.path("skipped").asInt()).isZero();
        assertThat(Pages.find(albums, "name", "Dogs").path("imported").asInt()).isEqualTo(2);
        JsonNode reused = Pages.find(albums, "name", "birds");
        assertThat(reused.path("id").asString()).isEqualTo(birds);
        assertThat(reused.path("created").asBoolean()).isFalse();
        assertThat(reused.path("imported").asInt()).isEqualTo(1);

        JsonNode listed = browser.get("/api/albums").json();
        assertThat(listed.findValuesAsString("name")).containsExactlyInAnyOrder("birds", "cats", "Dogs");
        assertThat(Pages.find(listed, "name", "cats").path("itemCount").asInt()).isEqualTo(3);
        JsonNode items = browser.get(
                        "/api/classifications?albumId=" + cats.path("id").asString())
                .json()
                .path("items");
        assertThat(items.findValuesAsString("originalFilename")).containsExactlyInAnyOrder("a.jpg", "b.jpg", "c.png");
        assertThat(items.findValuesAsString("status")).containsOnly("DONE");
        assertThat(items.valueStream().map(item -> item.path("classifiedAt").isNull()))
                .as("classified like any upload")
                .containsOnly(false);
    }

    @Test
    void importingTheSameArchiveAgainAddsOnlyWhatTheAlbumLacks() {
        Browser browser = signedIn("import-again");
        Map<String, byte[]> tree = new LinkedHashMap<>();
        tree.put("cats/a.jpg", TestImages.jpeg(52, 30));
        tree.put("cats/b.jpg", TestImages.jpeg(53, 30));
        browser.postBody(IMPORT, "application/zip", zip(tree));
        tree.put("cats/c.jpg", TestImages.jpeg(54, 30));

        JsonNode again = browser.postBody(IMPORT, "application/zip", zip(tree)).json();

        assertThat(again.path("imported").asInt()).isEqualTo(1);
        assertThat(reasons(again))
                .containsExactly(
                        Map.entry("cats/a.jpg", "already-in-album"), Map.entry("cats/b.jpg", "already-in-album"));
        assertThat(again.path("albums").get(0).path("created").asBoolean()).isFalse();
        assertThat(Pages.listed(browser, "size=100")).hasSize(3);
    }

    @Test
    void hostileAndUnsupportedEntriesAreSkippedAndListedAndOnlyTheGoodPictureIsStored() {
        Browser browser = signedIn("hostile");
        Map<String, byte[]> tree = new LinkedHashMap<>();
        tree.put("../evil.jpg", TestImages.jpeg(30, 30));
        tree.put("/etc/abs.jpg", TestImages.jpeg(31, 30));
        tree.put("cats/../../up.jpg", TestImages.jpeg(32, 30));
        tree.put("top.jpg", TestImages.jpeg(33, 30));
        tree.put("cats/kittens/deep.jpg", TestImages.jpeg(34, 30));
        tree.put("cats/notes.txt", "not a picture at all".getBytes(StandardCharsets.UTF_8));
        tree.put("cats/broken.jpg", TestImages.truncatedJpeg());
        tree.put("cats/zeros.bmp", new byte[1_500_000]); // under the 2 MiB upload limit, but 1000:1
        tree.put("cats/good.jpg", TestImages.jpeg(35, 30));

        Response response = browser.postBody(IMPORT, "application/zip", zip(tree));

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        JsonNode summary = response.json();
        assertThat(summary.path("imported").asInt()).isEqualTo(1);
        assertThat(reasons(summary))
                .containsExactly(
                        Map.entry("../evil.jpg", "unsafe-path"),
                        Map.entry("/etc/abs.jpg", "unsafe-path"),
                        Map.entry("cats/../../up.jpg", "unsafe-path"),
                        Map.entry("top.jpg", "not-in-a-folder"),
                        Map.entry("cats/kittens/deep.jpg", "nested-folder"),
                        Map.entry("cats/notes.txt", "unsupported-image"),
                        Map.entry("cats/broken.jpg", "corrupt-image"),
                        Map.entry("cats/zeros.bmp", "decompression-bomb"));
        assertThat(summary.path("skipped").findValuesAsString("detail")).allMatch(detail -> !detail.isBlank());
        assertThat(summary.path("albums").get(0).path("skipped").asInt()).isEqualTo(3);
        assertThat(Pages.listed(browser, "size=100")).hasSize(1);
    }

    @Test
    void aDecompressionBombIsRefusedEarlyAndQuicklyWhateverItsDirectoryClaims() {
        Browser browser = signedIn("bomb");
        // 32 GiB of zeros in 32 MiB; the directory claims 1000 bytes, so only counting the inflated bytes finds it.
        byte[] archive = new HandMadeZip()
                .stored("cats/one.jpg", TestImages.jpeg(36, 30))
                .zeros("cats/huge.bmp", 32 * 1024, 1000)
                .stored("cats/two.jpg", TestImages.jpeg(37, 30))
                .bytes();

        long started = System.nanoTime();
        Response response = browser.postBody(IMPORT, "application/zip", archive);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.status()).as("%s", response).isEqualTo(200);
        assertThat(reasons(response.json())).containsExactly(Map.entry("cats/huge.bmp", "image-too-large"));
        assertThat(response.json().path("imported").asInt()).isEqualTo(2);
        // Inflating the 32 GiB would take half a minute and more; reading stops past the 2 MiB upload limit.
        assertThat(millis).as("import time in ms").isLessThan(5_000);
    }

    @Test
    void anArchiveWhoseDirectoryAddsUpPastTheLimitIsRefusedBeforeAnythingIsStored() {
        Browser browser = signedIn("bomb-declared");
        byte[] archive = new HandMadeZip()
                .stored("cats/one.jpg", TestImages.jpeg(36, 31))
                .zeros("cats/huge.bmp", 4, 3L * 1024 * 1024 * 1024)
                .bytes();

        Response response = browser.postBody(IMPORT, "application/zip", archive);

        JsonNode problem = assertRefusal(response, IMPORT);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("archive-too-large");
        assertThat(problem.path("maxTotalBytes").asLong()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertNothingStored(browser);
    }

    @Test
    void tooManyEntriesRefuseTheArchiveBeforeAnythingIsStored() {
        Browser browser = signedIn("entries");
        Map<String, byte[]> tree = new LinkedHashMap<>();
        tree.put("cats/first.jpg", TestImages.jpeg(38, 30));
        for (int i = 0; i < 5_000; i++) {
            tree.put("cats/" + i + ".txt", new byte[] {1});
        }

        Response response = browser.postBody(IMPORT, "application/zip", zip(tree));

        JsonNode problem = assertRefusal(response, IMPORT);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("archive-too-large");
        assertThat(problem.path("maxEntries").asInt()).isEqualTo(5_000);
        assertNothingStored(browser);
    }

    @Test
    void anArchiveWhoseEndRecordStatesTooManyEntriesOrAHugeDirectoryIsRefusedBeforeItsDirectoryIsRead() {
        Browser browser = signedIn("huge-directory");
        byte[] archive = zip(Map.of("cats/a.jpg", TestImages.jpeg(55, 30)));
        int end = archive.length - 22;
        byte[] manyEntries = archive.clone();
        manyEntries[end + 8] = manyEntries[end + 10] = (byte) 0x60; // 0xEA60 = 60,000 entries
        manyEntries[end + 9] = manyEntries[end + 11] = (byte) 0xEA;
        byte[] hugeDirectory = archive.clone();
        hugeDirectory[end + 14] = 0x60; // 6 MiB and a little: more than 1 KiB for each of 5,000 entries

        for (byte[] body : List.of(manyEntries, hugeDirectory)) {
            Response response = browser.postBody(IMPORT, "application/zip", body);

            // Without this check ZipFile would read the directory and call the archive corrupt (422).
            JsonNode problem = assertRefusal(response, IMPORT);
            assertThat(response.status()).as("%s", response).isEqualTo(413);
            assertThat(response.problemType()).isEqualTo("archive-too-large");
            assertThat(problem.path("maxEntries").asInt()).isEqualTo(5_000);
        }
        assertNothingStored(browser);
    }

    @Test
    void aCorruptArchiveIsA422ProblemAFormA415AndNothingIsStored() {
        Browser browser = signedIn("corrupt");
        byte[] whole = zip(Map.of("cats/a.jpg", TestImages.jpeg(39, 30)));
        byte[] cutShort = Arrays.copyOf(whole, whole.length - 30); // the directory's end is gone

        byte[] legacyName = new HandMadeZip() // CP437's "é" is no UTF-8
                .storedWithLegacyName(
                        new byte[] {'c', 'a', 't', 's', '/', (byte) 0x82, '.', 'j', 'p', 'g'}, TestImages.jpeg(39, 31))
                .bytes();

        for (byte[] body : List.of(
                cutShort,
                "PK\u0003\u0004 nothing else".getBytes(StandardCharsets.ISO_8859_1),
                new byte[0],
                legacyName)) {
            Response response = browser.postBody(IMPORT, "application/zip", body);

            assertRefusal(response, IMPORT);
            assertThat(response.status()).isEqualTo(422);
            assertThat(response.problemType()).isEqualTo("corrupt-archive");
        }
        Response form = browser.postBody(
                IMPORT, "multipart/form-data; boundary=x", "--x--\r\n".getBytes(StandardCharsets.US_ASCII));
        assertRefusal(form, IMPORT);
        assertThat(form.problemType()).isEqualTo("unsupported-media-type");
        assertNothingStored(browser);
    }

    @Test
    void guestsAndVisitorsAreRefused() {
        byte[] archive = zip(Map.of("cats/a.jpg", TestImages.jpeg(46, 30)));
        Browser visitor = browser();
        Browser guest = browser();
        assertThat(guest.upload(TestImages.png(46, 31)).status()).isEqualTo(201);

        for (Browser browser : List.of(visitor, guest)) {
            Response response = browser.postBody(IMPORT, "application/zip", archive);

            assertRefusal(response, IMPORT);
            assertThat(response.status()).isEqualTo(401);
        }
        assertThat(Pages.listed(guest, "size=100")).hasSize(1);
    }

    @Test
    void anotherAccountSeesNoneOfTheImportedAlbumsOrPictures() {
        Browser owner = signedIn("import-owner");
        JsonNode summary = owner.postBody(
                        IMPORT, "application/zip", zip(Map.of("private/a.jpg", TestImages.jpeg(47, 30))))
                .json();
        String album = summary.path("albums").get(0).path("id").asString();
        String item = Pages.listed(owner, "albumId=" + album).get(0);
        Browser other = signedIn("import-other");

        assertThat(other.get("/api/albums").json().size()).isZero();
        assertThat(other.get("/api/albums/" + album).status()).isEqualTo(404);
        assertThat(Pages.listed(other, "albumId=" + album)).isEmpty();
        assertThat(other.get("/api/classifications/" + item).status()).isEqualTo(404);
        assertThat(other.get("/api/classifications/" + item + "/image").status())
                .isEqualTo(404);
    }

    @Test
    void withNdjsonTheAnswerIsAProgressLinePerEntryThenTheSummary() {
        Browser browser = signedIn("progress");
        Map<String, byte[]> tree = new LinkedHashMap<>();
        tree.put("cats/a.jpg", TestImages.jpeg(48, 30));
        tree.put("cats/b.txt", new byte[] {1, 2, 3});
        tree.put("dogs/c.jpg", TestImages.jpeg(49, 30));

        Response response = browser.postBody(IMPORT, "application/zip", zip(tree), "Accept", "application/x-ndjson");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = response.text().lines().map(JSON::readTree).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3))
                .allMatch(line -> line.path("type").asString().equals("progress"));
        assertThat(lines.subList(0, 3).stream().map(line -> line.path("done").asInt()))
                .containsExactly(1, 2, 3);
        assertThat(lines.get(2).path("total").asInt()).isEqualTo(3);
        assertThat(lines.get(2).path("imported").asInt()).isEqualTo(2);
        assertThat(lines.get(2).path("skipped").asInt()).isEqualTo(1);
        JsonNode last = lines.get(3);
        assertThat(last.path("type").asString()).isEqualTo("summary");
        assertThat(last.path("summary").path("imported").asInt()).isEqualTo(2);
        assertThat(last.path("summary").path("albums").size()).isEqualTo(2);
    }

    @Test
    void whileTheClassifierIsDownImportedPicturesWaitAsPending() {
        Browser browser = signedIn("import-pending");
        classifier().stop();

        JsonNode summary = browser.postBody(
                        IMPORT,
                        "application/zip",
                        zip(Map.of("cats/a.jpg", TestImages.jpeg(50, 30), "cats/b.jpg", TestImages.jpeg(51, 30))))
                .json();

        assertThat(summary.path("imported").asInt()).isEqualTo(2);
        assertThat(summary.path("pending").asInt()).isEqualTo(2);
        assertThat(browser.get("/api/classifications?status=PENDING")
                        .json()
                        .path("items")
                        .size())
                .isEqualTo(2);
    }

    @Test
    void sixtySmallJpegsImportAtMeasuredSpeed() {
        Browser browser = signedIn("import-speed");
        Map<String, byte[]> warmUp = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            warmUp.put("warm-up/" + i + ".jpg", TestImages.jpeg(64 + i, 47));
            browser.upload(TestImages.jpeg(64 + i, 46), i + ".jpg", Map.of());
        }
        browser.postBody(IMPORT, "application/zip", zip(warmUp));
        Map<String, byte[]> tree = new LinkedHashMap<>();
        for (int i = 0; i < 60; i++) {
            tree.put("folder" + (i % 3) + "/" + i + ".jpg", TestImages.jpeg(64 + i, 48));
        }
        byte[] archive = zip(tree);

        long started = System.nanoTime();
        Response response = browser.postBody(IMPORT, "application/zip", archive);
        double seconds = (System.nanoTime() - started) / 1e9;

        Browser single = signedIn("upload-speed");
        long singleStarted = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            assertThat(single.upload(TestImages.jpeg(64 + i, 49), i + ".jpg", Map.of())
                            .status())
                    .isEqualTo(201);
        }
        double singleSeconds = (System.nanoTime() - singleStarted) / 1e9;

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("imported").asInt()).isEqualTo(60);
        System.out.printf(
                "album import: 60 small JPEGs (%d KiB archive) in %.2f s = %.1f pictures/s;"
                        + " the same as 60 single uploads: %.2f s = %.1f pictures/s%n",
                archive.length / 1024, seconds, 60 / seconds, singleSeconds, 60 / singleSeconds);
    }

    private static void assertNothingStored(Browser browser) {
        assertThat(browser.get("/api/albums").json().size()).isZero();
        assertThat(Pages.listed(browser, "size=100")).isEmpty();
    }

    private static List<Map.Entry<String, String>> reasons(JsonNode summary) {
        List<Map.Entry<String, String>> reasons = new ArrayList<>();
        summary.path("skipped")
                .forEach(skip -> reasons.add(Map.entry(
                        skip.path("entry").asString(), skip.path("reason").asString())));
        return reasons;
    }

    /** A ZIP of {@code tree} in its order; a null value makes a folder entry. */
    static byte[] zip(Map<String, byte[]> tree) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> entry : tree.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getValue() != null) {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
