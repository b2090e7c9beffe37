package io.zoolens.api.album;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.api.support.TestServers;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Album names unique per owner (ignoring case and spaces), and the one-time renaming of older duplicates. */
@DataMongoTest
class AlbumNamesTests {

    private static final Instant T = Instant.parse("2026-11-25T12:00:00Z");

    @Autowired
    MongoTemplate mongo;

    @Autowired
    AlbumRepository albums;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @BeforeEach
    void noAlbums() {
        mongo.dropCollection(Album.class);
    }

    @Test
    void olderDuplicatesAreRenamedOnceAndTheNameThenStaysUnique() {
        String owner = "owner-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        mongo.insert(
                List.of(
                        older(owner, "Zoo", T),
                        older(owner, " zoo ", T.plusSeconds(1)),
                        older(owner, "ZOO", T.plusSeconds(2)),
                        older(owner, "Zoo (2)", T.plusSeconds(3)),
                        older(owner, "Garden", T),
                        older(other, "zoo", T)),
                "albums");
        AlbumNames names = new AlbumNames(mongo);

        names.afterSingletonsInstantiated();
        names.afterSingletonsInstantiated();

        // the oldest keeps its name; the others count up past the names already in use ("Zoo (2)")
        assertThat(albums.findByOwnerIdOrderByNameAsc(owner))
                .extracting(Album::name)
                .containsExactlyInAnyOrder("Garden", "Zoo", "Zoo (2)", "zoo (3)", "ZOO (4)");
        assertThat(albums.findByOwnerIdOrderByNameAsc(other))
                .extracting(Album::name)
                .containsExactly("zoo");
        assertThat(albums.findByOwnerIdOrderByNameAsc(owner))
                .extracting(Album::nameKey)
                .containsExactlyInAnyOrder("garden", "zoo", "zoo (2)", "zoo (3)", "zoo (4)");
        assertThatThrownBy(() -> albums.insert(Album.create(owner, "GARDEN", null, T)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(albums.insert(Album.create(other, "Garden", null, T)).id()).isNotNull();
    }

    @Test
    void renamingAnAlbumToItsOwnNameInAnotherCaseIsFine() {
        new AlbumNames(mongo).afterSingletonsInstantiated();
        Album zoo = albums.insert(Album.create("owner", "zoo", null, T));

        Album renamed = albums.save(zoo.renamed("Zoo", null));

        assertThat(renamed.name()).isEqualTo("Zoo");
        assertThat(albums.findById(zoo.id()).orElseThrow().nameKey()).isEqualTo("zoo");
    }

    /** An album as stored before names were unique: no nameKey. */
    private static Document older(String owner, String name, Instant createdAt) {
        return new Document("ownerId", owner).append("name", name).append("createdAt", java.util.Date.from(createdAt));
    }
}
