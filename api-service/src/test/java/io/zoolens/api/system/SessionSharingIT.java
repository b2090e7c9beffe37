package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.ApiApplication;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.api.support.TestServers;
import io.zoolens.image.testing.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two api-service replicas, as behind the gateway, sharing one Redis and one MongoDB: a signed-in user is
 * served by either, and an idle session ends on both. (Idle timeout here: 3 s.)
 */
class SessionSharingIT {

    private static final String PASSWORD = "correct horse battery";

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoReplicas() {
        first = replica(true);
        second = replica(false);
    }

    @AfterAll
    static void stopReplicas() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static ConfigurableApplicationContext replica(boolean worker) {
        // As command-line arguments: they outrank application.yml, as the environment does in production.
        return new SpringApplicationBuilder(ApiApplication.class)
                .profiles("test")
                .run(
                        "--server.port=0",
                        "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + TestServers.redis().port(),
                        "--spring.mongodb.uri=" + TestServers.mongo().connectionString() + "/zoolens",
                        "--zoolens.classifier.url=" + TestServers.classifier().url(),
                        "--zoolens.session.idle-timeout=3s",
                        "--zoolens.worker.enabled=" + worker);
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    @Test
    void eitherReplicaServesTheSameSignedInUser() {
        Browser onFirst = new Browser(port(first), TestServers.nextClientIp());
        Browser onSecond = onFirst.onPort(port(second));
        String name = "replicas-" + Long.toString(System.nanoTime(), 36);

        assertThat(onFirst.register(name, PASSWORD).status()).isEqualTo(201);

        Response me = onSecond.get("/api/auth/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("username").asString()).isEqualTo(name);
        Response uploaded = onSecond.upload(TestImages.png(50, 40));
        assertThat(uploaded.status()).isEqualTo(201);
        assertThat(onFirst.get("/api/classifications/"
                                + uploaded.json().path("id").asString())
                        .status())
                .isEqualTo(200);
        assertThat(onFirst.setCookieHeaders()).anyMatch(header -> header.startsWith("SESSION="));
        assertThat(onFirst.setCookieHeaders()).noneMatch(header -> header.startsWith("JSESSIONID"));

        assertThat(onSecond.post("/api/auth/logout").status()).isEqualTo(204);
        assertThat(onFirst.get("/api/auth/me").status()).isEqualTo(401);
    }

    @Test
    void anIdleSessionExpiresWhileAnActiveOneLives() throws InterruptedException {
        Browser active = new Browser(port(first), TestServers.nextClientIp());
        Browser idle = new Browser(port(first), TestServers.nextClientIp());
        active.register("active-" + Long.toString(System.nanoTime(), 36), PASSWORD);
        idle.register("idle-" + Long.toString(System.nanoTime(), 36), PASSWORD);

        for (int i = 0; i < 3; i++) {
            Thread.sleep(1500);
            assertThat(active.onPort(port(i % 2 == 0 ? second : first))
                            .get("/api/auth/me")
                            .status())
                    .isEqualTo(200);
        }

        Response expired = idle.onPort(port(second)).get("/api/auth/me");
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.problemType()).isEqualTo("not-authenticated");
    }
}
