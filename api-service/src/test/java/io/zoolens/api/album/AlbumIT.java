package io.zoolens.api.album;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.Pages;
import io.zoolens.image.testing.TestImages;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlbumIT extends ApiIntegrationTest {

    @Test
    void albumsAreCreatedListedByNameAndCountTheirItems() {
        Browser browser = signedIn("albums");
        String zoo = create(browser, "Zoo", "Berlin, May");
        String garden = create(browser, "garden", null);
        String cat = browser.upload(TestImages.png(20, 21), "a.png", Map.of("albumId", zoo))
                .json()
                .path("id")
                .asString();
        String newest = browser.upload(TestImages.png(20, 22), "b.png", Map.of("albumId", zoo))
                .json()
                .path("id")
                .asString();
        browser.upload(TestImages.png(20, 23));

        Response list = browser.get("/api/albums");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("name")).containsExactly("Zoo", "garden");
        var zooAlbum = list.json().get(0);
        assertThat(zooAlbum.path("id").asString()).isEqualTo(zoo);
        assertThat(zooAlbum.path("description").asString()).isEqualTo("Berlin, May");
        assertThat(zooAlbum.path("itemCount").asInt()).isEqualTo(2);
        assertThat(zooAlbum.path("coverThumbnailUrl").asString())
                .isEqualTo("/api/classifications/" + newest + "/thumbnail");
        assertThat(zooAlbum.path("createdAt").asString()).endsWith("Z");
        assertThat(list.json().get(1).path("itemCount").asInt()).isZero();
        assertThat(list.json().get(1).path("coverThumbnailUrl").isNull()).isTrue();
        assertThat(Pages.listed(browser, "albumId=" + zoo)).containsExactlyInAnyOrder(cat, newest);
        assertThat(browser.get("/api/albums/" + garden).json().path("name").asString())
                .isEqualTo("garden");
    }

    @Test
    void itemsAreFiledIntoAndOutOfAlbumsLater() {
        Browser browser = signedIn("filing");
        String album = create(browser, "Later", null);
        String item = browser.upload(TestImages.png(24, 20)).json().path("id").asString();

        Response filed = browser.patchJson("/api/classifications/" + item, Map.of("albumId", album));
        Map<String, Object> unfile = new HashMap<>();
        unfile.put("albumId", null);

        assertThat(filed.status()).isEqualTo(200);
        assertThat(filed.json().path("albumId").asString()).isEqualTo(album);
        assertThat(browser.get("/api/albums/" + album).json().path("itemCount").asInt())
                .isEqualTo(1);
        Response unfiled = browser.patchJson("/api/classifications/" + item, unfile);
        assertThat(unfiled.json().path("albumId").isNull()).isTrue();
        assertThat(browser.patchJson("/api/classifications/" + item, Map.of("albumId", "missing"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void renamingChangesOnlyWhatIsGiven() {
        Browser browser = signedIn("rename");
        String album = create(browser, "Old", "kept");

        Response renamed = browser.patchJson("/api/albums/" + album, Map.of("name", "New"));

        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asString()).isEqualTo("New");
        assertThat(renamed.json().path("description").asString()).isEqualTo("kept");
        assertThat(browser.patchJson("/api/albums/" + album, Map.of("name", "")).status())
                .isEqualTo(400);
    }

    @Test
    void deletingAnAlbumKeepsItsItemsUnfiled() {
        Browser browser = signedIn("unfile");
        String album = create(browser, "Gone", null);
        String item = browser.upload(TestImages.png(25, 20), "a.png", Map.of("albumId", album))
                .json()
                .path("id")
                .asString();

        assertThat(browser.delete("/api/albums/" + album).status()).isEqualTo(204);

        assertThat(browser.get("/api/albums/" + album).status()).isEqualTo(404);
        Response kept = browser.get("/api/classifications/" + item);
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.json().path("albumId").isNull()).isTrue();
    }

    @Test
    void albumNamesAreUniquePerOwnerIgnoringCaseAndSpaces() {
        Browser browser = signedIn("uniquealbum");
        String zoo = create(browser, "Zoo", null);
        String garden = create(browser, "Garden", null);

        Response sameName = browser.postJson("/api/albums", Map.of("name", "  zoo "));
        Response renamedOnto = browser.patchJson("/api/albums/" + garden, Map.of("name", "ZOO"));
        Response ownNameInOtherCase = browser.patchJson("/api/albums/" + zoo, Map.of("name", "zoo"));

        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.problemType()).isEqualTo("album-name-taken");
        assertThat(sameName.json().path("detail").asString()).contains("zoo");
        assertThat(sameName.json().path("requestId").asString()).isNotBlank();
        assertThat(renamedOnto.status()).isEqualTo(409);
        assertThat(renamedOnto.problemType()).isEqualTo("album-name-taken");
        assertThat(browser.get("/api/albums/" + garden).json().path("name").asString())
                .isEqualTo("Garden");
        assertThat(ownNameInOtherCase.status()).isEqualTo(200);
        assertThat(ownNameInOtherCase.json().path("name").asString()).isEqualTo("zoo");
        assertThat(browser.get("/api/albums").json().findValuesAsString("name")).containsExactly("Garden", "zoo");
        assertThat(signedIn("uniquealbum-other")
                        .postJson("/api/albums", Map.of("name", "Zoo"))
                        .status())
                .as("another account may have its own Zoo")
                .isEqualTo(201);
    }

    @Test
    void badAlbumInputIs400() {
        Browser browser = signedIn("badalbum");

        Response noName = browser.postJson("/api/albums", Map.of("description", "no name"));
        Response tooLong = browser.postJson("/api/albums", Map.of("name", "x".repeat(101)));
        Response wrongType = browser.postJson("/api/albums", "{\"name\": {\"nested\": true}}");

        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json().path("errors").findValuesAsString("field")).containsExactly("name");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(wrongType.status()).isEqualTo(400);
    }

    @Test
    void anotherUsersAlbumIs404AndCannotBeUsedForUploads() {
        Browser owner = signedIn("albumowner");
        Browser other = signedIn("albumother");
        String album = create(owner, "Private", null);

        assertThat(other.get("/api/albums/" + album).status()).isEqualTo(404);
        assertThat(other.patchJson("/api/albums/" + album, Map.of("name", "Mine"))
                        .status())
                .isEqualTo(404);
        assertThat(other.delete("/api/albums/" + album).status()).isEqualTo(404);
        assertThat(other.get("/api/albums").json().size()).isZero();
        assertThat(other.upload(TestImages.png(26, 20), "a.png", Map.of("albumId", album))
                        .status())
                .isEqualTo(400);
        assertThat(owner.get("/api/albums/" + album).json().path("name").asString())
                .isEqualTo("Private");
    }

    static String create(Browser browser, String name, String description) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (description != null) {
            body.put("description", description);
        }
        Response created = browser.postJson("/api/albums", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/albums/" + id);
        return id;
    }
}
