package io.zoolens.api.album;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndexDefinition;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Album names are unique per owner, regardless of case and surrounding spaces: a unique index on {@code (ownerId,
 * nameKey)}. Albums from before it may share a name; at start-up, once, every album gets its {@code nameKey} and
 * the younger of two same-named albums is renamed "Zoo (2)" (then the index can exist). This index is made here,
 * not in {@code MongoIndexes}, because it can only be created after that clean-up.
 */
@Component
class AlbumNames implements SmartInitializingSingleton {

    static final String UNIQUE_INDEX = "owner_name_key_unique";
    private static final Logger log = LoggerFactory.getLogger(AlbumNames.class);

    private final MongoTemplate mongo;

    AlbumNames(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What must be unique: the trimmed name in lower case. */
    static String key(String name) {
        return name == null ? null : name.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (mongo.exists(query(where("nameKey").exists(false)), Album.class)) {
            renameDuplicates();
        }
        try {
            createIndex();
        } catch (DuplicateKeyException e) {
            // Another replica stored older albums meanwhile (a rolling update): tidy up once more.
            renameDuplicates();
            createIndex();
        }
    }

    private void createIndex() {
        mongo.indexOps(Album.class)
                .createIndex(new CompoundIndexDefinition(new Document("ownerId", 1).append("nameKey", 1))
                        .unique()
                        .named(UNIQUE_INDEX));
    }

    /** Deterministic, so replicas doing it at the same time agree: oldest keeps the name, the rest count up. */
    void renameDuplicates() {
        Map<String, List<Album>> byOwner = new LinkedHashMap<>();
        for (Album album : mongo.findAll(Album.class)) {
            byOwner.computeIfAbsent(album.ownerId(), owner -> new ArrayList<>()).add(album);
        }
        int renamed = 0;
        for (List<Album> albums : byOwner.values()) {
            albums.sort(Comparator.comparing(Album::createdAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Album::id));
            Set<String> taken = new HashSet<>();
            albums.forEach(album -> taken.add(key(album.name())));
            Set<String> kept = new HashSet<>();
            for (Album album : albums) {
                String name = kept.add(key(album.name())) ? album.name() : free(album.name(), taken);
                kept.add(key(name));
                renamed += name.equals(album.name()) ? 0 : 1;
                mongo.updateFirst(
                        query(where("_id").is(album.id()).and("name").is(album.name())),
                        new Update().set("name", name).set("nameKey", key(name)),
                        Album.class);
            }
        }
        if (renamed > 0) {
            log.info("renamed {} album(s) whose names their owners already used", renamed);
        }
    }

    /** {@code "Zoo (2)"}, or the next number that no album of this owner has. */
    private static String free(String name, Set<String> taken) {
        String base = name.strip();
        for (int n = 2; ; n++) {
            String candidate = base + " (" + n + ")";
            if (taken.add(key(candidate))) {
                return candidate;
            }
        }
    }
}
