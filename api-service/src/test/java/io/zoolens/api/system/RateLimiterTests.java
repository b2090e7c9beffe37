package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.support.TestServers;
import io.zoolens.api.system.RateLimiter.Decision;
import io.zoolens.api.system.RateLimiter.Limit;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Against a real redis-server. */
@DataRedisTest
@Import(RateLimiter.class)
class RateLimiterTests {

    @Autowired
    RateLimiter limiter;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void hitsAreAllowedUpToTheLimitThenRefusedWithTheRestOfTheWindow() {
        String key = "test:" + UUID.randomUUID();
        Limit limit = new Limit(3, Duration.ofMinutes(1));

        for (int i = 0; i < 3; i++) {
            assertThat(limiter.hit(key, limit).allowed()).isTrue();
        }
        Decision refused = limiter.hit(key, limit);

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1));
    }

    @Test
    void theWindowEndsAndCountingStartsAgain() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        Limit limit = new Limit(1, Duration.ofMillis(300));
        limiter.hit(key, limit);
        assertThat(limiter.hit(key, limit).allowed()).isFalse();

        Thread.sleep(400);

        assertThat(limiter.hit(key, limit).allowed()).isTrue();
    }

    @Test
    void peekDoesNotCountAndResetForgets() {
        String key = "test:" + UUID.randomUUID();
        Limit limit = new Limit(2, Duration.ofMinutes(1));

        assertThat(limiter.peek(key, limit).allowed()).isTrue();
        limiter.hit(key, limit);
        limiter.hit(key, limit);
        assertThat(limiter.peek(key, limit).allowed()).isFalse();
        assertThat(limiter.peek(key, limit).retryAfter()).isPositive();

        limiter.reset(key);

        assertThat(limiter.peek(key, limit).allowed()).isTrue();
    }

    @Test
    void countsAreForgottenOnlyAfterTheirLatestEvent() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();

        assertThat(limiter.count(key, Duration.ofMillis(400))).isEqualTo(1);
        Thread.sleep(250);
        assertThat(limiter.count(key, Duration.ofMillis(400))).isEqualTo(2);
        Thread.sleep(250);
        assertThat(limiter.count(key, Duration.ofMillis(400)))
                .as("the second event renewed it")
                .isEqualTo(3);
        Thread.sleep(500);

        assertThat(limiter.count(key, Duration.ofMillis(400))).isEqualTo(1);
    }

    @Test
    void aHoldLastsItsTimeAndResetLiftsIt() throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        assertThat(limiter.heldFor(key)).isZero();

        limiter.hold(key, Duration.ofMillis(300));
        assertThat(limiter.heldFor(key)).isBetween(Duration.ofMillis(1), Duration.ofMillis(300));
        Thread.sleep(400);
        assertThat(limiter.heldFor(key)).isZero();

        limiter.hold(key, Duration.ofMinutes(1));
        limiter.hold(key + ":nothing", Duration.ZERO);
        limiter.reset(key);
        assertThat(limiter.heldFor(key)).isZero();
        assertThat(limiter.heldFor(key + ":nothing")).isZero();
    }
}
