package io.zoolens.api.system;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Counters in Redis, so every api-service replica sees the same counts: fixed windows ({@link #hit}; one Lua script
 * makes "increment, start the window on the first hit, report the count and what is left of the window" atomic),
 * counts forgotten some time after their latest event ({@link #count}), and holds that refuse a key for a while
 * ({@link #hold}).
 */
@Component
public class RateLimiter {

    private static final String PREFIX = "zoolens:rate:";

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> HIT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """, List.class);

    private static final RedisScript<Long> COUNT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return count
            """, Long.class);

    private final StringRedisTemplate redis;

    public RateLimiter(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Counts one hit against {@code key}; refused once the window has seen more than {@code limit.max()}. */
    public Decision hit(String key, Limit limit) {
        List<?> answer = redis.execute(
                HIT, List.of(PREFIX + key), Long.toString(limit.window().toMillis()));
        long count = ((Number) answer.get(0)).longValue();
        long ttlMillis = ((Number) answer.get(1)).longValue();
        return new Decision(count <= limit.max(), Duration.ofMillis(Math.max(ttlMillis, 0)));
    }

    /** Whether {@code key} is already over its limit, without counting a hit. */
    public Decision peek(String key, Limit limit) {
        String value = redis.opsForValue().get(PREFIX + key);
        if (value == null || Long.parseLong(value) < limit.max()) {
            return new Decision(true, Duration.ZERO);
        }
        Long ttl = redis.getExpire(PREFIX + key, TimeUnit.MILLISECONDS);
        return new Decision(
                false, Duration.ofMillis(ttl == null || ttl < 0 ? limit.window().toMillis() : ttl));
    }

    public void reset(String key) {
        redis.delete(PREFIX + key);
    }

    /** Counts one event against {@code key}, which is forgotten {@code forgetAfter} after the latest event. */
    public long count(String key, Duration forgetAfter) {
        return redis.execute(COUNT, List.of(PREFIX + key), Long.toString(forgetAfter.toMillis()));
    }

    /** Refuses {@code key} for {@code duration} from now ({@link #heldFor} tells how long is left). */
    public void hold(String key, Duration duration) {
        if (!duration.isZero() && !duration.isNegative()) {
            redis.opsForValue().set(PREFIX + key, "1", duration);
        }
    }

    /** How long {@code key} is still held by {@link #hold}; zero when it is not. */
    public Duration heldFor(String key) {
        Long ttl = redis.getExpire(PREFIX + key, TimeUnit.MILLISECONDS);
        return ttl == null || ttl <= 0 ? Duration.ZERO : Duration.ofMillis(ttl);
    }

    /** At most {@code max} hits per {@code window}. */
    public record Limit(int max, Duration window) {}

    /** Whether the hit is allowed, and if not, how long until the window ends. */
    public record Decision(boolean allowed, Duration retryAfter) {}
}
