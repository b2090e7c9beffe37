package io.zoolens.api.album;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** {@link AlbumNamesTests} (unique compound index, renaming duplicates) on a real MongoDB. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class AlbumNamesContainerTests extends AlbumNamesTests {

    @Container
    @ServiceConnection
    static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
}
