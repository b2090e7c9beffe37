package io.zoolens.api.classification;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** {@link LabelSearchTests} (prefix search on labelKeys, backfill) on a real MongoDB. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class LabelSearchContainerTests extends LabelSearchTests {

    @Container
    @ServiceConnection
    static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
}
