package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.TestServers;
import io.zoolens.image.testing.TestImages;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountIT extends ApiIntegrationTest {

    private static final String PASSWORD = "correct horse battery";

    @Test
    void deletingTheAccountRemovesItsItemsImagesAlbumsAndSessions() {
        String name = uniqueName("leaving");
        Browser browser = browser();
        browser.register(name, PASSWORD);
        Browser otherDevice = browser();
        otherDevice.login(name, PASSWORD);
        byte[] own = TestImages.png(140, 100);
        String item = browser.upload(own).json().path("id").asString();
        browser.postJson("/api/albums", Map.of("name", "Holiday"));
        String sha = browser.get("/api/classifications/" + item)
                .json()
                .path("image")
                .path("sha256")
                .asString();
        String userId = browser.get("/api/auth/me").json().path("id").asString();

        assertThat(browser.delete("/api/account").status()).isEqualTo(204);

        assertThat(browser.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(otherDevice.get("/api/auth/me").status()).isEqualTo(401);
        assertThat(browser().login(name, PASSWORD).status()).isEqualTo(401);
        try (var mongo =
                com.mongodb.client.MongoClients.create(TestServers.mongo().connectionString())) {
            var db = mongo.getDatabase("zoolens");
            assertThat(db.getCollection("classifications")
                            .countDocuments(new org.bson.Document("_id", new org.bson.types.ObjectId(item))))
                    .isZero();
            assertThat(db.getCollection("originals.files")
                            .countDocuments(new org.bson.Document("metadata.sha256", sha)))
                    .isZero();
            assertThat(db.getCollection("thumbnails.files")
                            .countDocuments(new org.bson.Document("metadata.sha256", sha)))
                    .isZero();
            assertThat(db.getCollection("albums").countDocuments(new org.bson.Document("ownerId", userId)))
                    .isZero();
            assertThat(db.getCollection("classifications").countDocuments(new org.bson.Document("ownerId", userId)))
                    .isZero();
            assertThat(db.getCollection("users").countDocuments(new org.bson.Document("usernameKey", name)))
                    .isZero();
        }
        assertThat(browser().register(name, PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void deletingTheAccountNeedsTheCsrfHeader() {
        Browser browser = signedIn("keep");

        assertThat(browser.withoutCsrfHeader().delete("/api/account").status()).isEqualTo(403);
        assertThat(browser.get("/api/auth/me").status()).isEqualTo(200);
    }
}
