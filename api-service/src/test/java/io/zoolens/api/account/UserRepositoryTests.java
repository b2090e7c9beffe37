package io.zoolens.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.api.support.TestServers;
import io.zoolens.api.system.MongoIndexes;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Against the embedded MongoDB wire server, with the indexes the application creates at start-up. */
@DataMongoTest
@Import(MongoIndexes.class)
class UserRepositoryTests {

    @Autowired
    UserRepository users;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void theUniqueIndexRefusesASecondUserWithTheSameNameInAnotherCase() {
        String name = "Unique" + System.nanoTime();
        users.insert(User.create(name, name + "@example.org", "{noop}x", Instant.now()));

        assertThatThrownBy(() -> users.insert(
                        User.create(name.toUpperCase(), "other" + name + "@example.org", "{noop}x", Instant.now())))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void theUniqueIndexRefusesASecondUserWithTheSameEmail() {
        String name = "mail" + System.nanoTime();
        users.insert(User.create(name, name + "@Example.org", "{noop}x", Instant.now()));

        assertThatThrownBy(() -> users.insert(User.create(name + "b", name + "@example.ORG", "{noop}x", Instant.now())))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void findByLoginTakesUsernameOrEmail() {
        String name = "login" + System.nanoTime();
        User saved = users.insert(User.create(name, name + "@example.org", "{noop}x", Instant.now()));

        assertThat(users.findByLogin(name.toUpperCase())).map(User::id).contains(saved.id());
        assertThat(users.findByLogin(" " + name + "@EXAMPLE.org "))
                .map(User::id)
                .contains(saved.id());
        assertThat(users.findByLogin("nobody" + System.nanoTime())).isEmpty();
    }
}
