package io.zoolens.api.account;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * {@link UserRepositoryTests} against a real MongoDB ({@code mongo} image), to catch behaviour the embedded wire
 * server only imitates; the container's connection details replace the wire server's URI. Skipped without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class UserRepositoryContainerTests extends UserRepositoryTests {

    @Container
    @ServiceConnection
    static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
}
