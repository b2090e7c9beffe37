package io.zoolens.api.classification;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** {@link ClassificationUpdatesTests} (leases, state changes) against a real MongoDB. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class ClassificationUpdatesContainerTests extends ClassificationUpdatesTests {

    @Container
    @ServiceConnection
    static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
}
