package io.zoolens.api.support;

import io.zoolens.embeddedmongo.EmbeddedMongo;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real servers every test of this JVM shares, started on first use and stopped when the JVM exits:
 * Redis ({@code redis-server}), the embedded MongoDB wire server, and the classifier stub.
 */
public final class TestServers {

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private TestServers() {}

    private static final class Holder {
        static final RedisServerProcess REDIS = RedisServerProcess.start();
        static final EmbeddedMongo MONGO = EmbeddedMongo.startInMemory();
        static final ClassifierStub CLASSIFIER = ClassifierStub.startOnFreePort();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                CLASSIFIER.stop();
                MONGO.close();
                REDIS.close();
            }));
        }
    }

    public static RedisServerProcess redis() {
        return Holder.REDIS;
    }

    public static EmbeddedMongo mongo() {
        return Holder.MONGO;
    }

    public static ClassifierStub classifier() {
        return Holder.CLASSIFIER;
    }

    /** Points Spring at the shared servers. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> redis().port());
        registry.add("spring.mongodb.uri", () -> mongo().connectionString() + "/zoolens");
        registry.add("zoolens.classifier.url", () -> classifier().url());
    }

    /**
     * A distinct client address for each simulated browser (from the documentation ranges of RFC 5737, never
     * contacted: it only travels in X-Forwarded-For), so per-client rate limits of one test do not leak into
     * another.
     */
    public static String nextClientIp() {
        int n = CLIENTS.incrementAndGet();
        String[] nets = {"192.0.2.", "198.51.100.", "203.0.113."};
        return nets[(n / 250) % nets.length] + (1 + n % 250);
    }
}
