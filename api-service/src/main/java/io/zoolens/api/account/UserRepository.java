package io.zoolens.api.account;

import java.util.Optional;
import org.springframework.data.mongodb.repository.MongoRepository;

interface UserRepository extends MongoRepository<User, String> {

    Optional<User> findByUsernameKey(String usernameKey);

    Optional<User> findByEmailKey(String emailKey);

    boolean existsByUsernameKey(String usernameKey);

    boolean existsByEmailKey(String emailKey);

    /** A login is a username or an email address. */
    default Optional<User> findByLogin(String login) {
        String key = User.key(login);
        return key.contains("@") ? findByEmailKey(key) : findByUsernameKey(key);
    }
}
