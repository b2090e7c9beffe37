package io.zoolens.api.system;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link RateLimiterTests} (the Lua script) against the {@code redis} image. Skipped without Docker. */
@Testcontainers(disabledWithoutDocker = true)
class RateLimiterContainerTests extends RateLimiterTests {

    @Container
    @ServiceConnection(name = "redis")
    static GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
}
