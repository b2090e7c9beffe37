package io.zoolens.api.stats;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/** {@link StatsServiceTests}: the same pipeline on a real MongoDB. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class StatsServiceContainerTests extends StatsServiceTests {

    @Container
    @ServiceConnection
    static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
}
