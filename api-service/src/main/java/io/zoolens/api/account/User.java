package io.zoolens.api.account;

import java.time.Instant;
import java.util.Locale;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An account. {@code usernameKey} and {@code emailKey} are the lower-cased forms that the unique indexes
 * (see {@code MongoIndexes}) enforce, so "Alice" and "alice" are one name without relying on collations.
 */
@Document("users")
public record User(
        @Id String id,
        String username,
        String usernameKey,
        String email,
        String emailKey,
        String passwordHash,
        Instant createdAt) {

    static User create(String username, String email, String passwordHash, Instant now) {
        return new User(null, username, key(username), email, key(email), passwordHash, now);
    }

    User withPasswordHash(String newHash) {
        return new User(id, username, usernameKey, email, emailKey, newHash, createdAt);
    }

    static String key(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
