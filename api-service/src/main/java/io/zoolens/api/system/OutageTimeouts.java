package io.zoolens.api.system;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a request waits for MongoDB or Redis before it answers 503 ({@code zoolens.outage.*}), and how soon the
 * api notices that Redis is back. The drivers' defaults (30 s to find a MongoDB server, Lettuce's reconnect back-off
 * up to 30 s) would let requests hang past the gateway's patience and keep sessions away long after Redis returned.
 * Redis' own command and connect time-outs are {@code spring.data.redis.timeout} and {@code connect-timeout}.
 *
 * @param mongoServerSelection how long a MongoDB operation waits for a reachable server
 * @param mongoConnect time-out of opening a connection to MongoDB
 * @param redisMaxReconnectDelay the longest pause between two attempts to reconnect to Redis
 */
@ConfigurationProperties("zoolens.outage")
public record OutageTimeouts(
        @DefaultValue("2s") Duration mongoServerSelection,
        @DefaultValue("2s") Duration mongoConnect,
        @DefaultValue("1s") Duration redisMaxReconnectDelay) {}
