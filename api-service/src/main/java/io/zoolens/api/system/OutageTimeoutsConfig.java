package io.zoolens.api.system;

import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Applies {@link OutageTimeouts} to the MongoDB driver and to Lettuce (Redis). */
@Configuration(proxyBeanMethods = false)
class OutageTimeoutsConfig {

    @Bean
    MongoClientSettingsBuilderCustomizer mongoOutageTimeouts(OutageTimeouts timeouts) {
        return settings -> settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        timeouts.mongoServerSelection().toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(
                        socket -> socket.connectTimeout(timeouts.mongoConnect().toMillis(), TimeUnit.MILLISECONDS));
    }

    @Bean
    ClientResourcesBuilderCustomizer redisReconnectDelay(OutageTimeouts timeouts) {
        return resources -> resources.reconnectDelay(
                Delay.exponential(Duration.ofMillis(100), timeouts.redisMaxReconnectDelay(), 2, TimeUnit.MILLISECONDS));
    }
}
