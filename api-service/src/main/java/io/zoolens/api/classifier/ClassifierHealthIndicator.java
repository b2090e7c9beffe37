package io.zoolens.api.classifier;

import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * {@code classifier} in {@code /actuator/health}: the classifier's readiness (UP once its default model is
 * loaded). Deliberately in neither the liveness nor the readiness group: without a classifier the API still
 * takes uploads (they wait as PENDING), so restarting or unrouting it would not help.
 */
@Component
class ClassifierHealthIndicator extends AbstractHealthIndicator {

    private final RestClient rest;
    private final ClassifierProperties properties;

    ClassifierHealthIndicator(RestClient classifierRestClient, ClassifierProperties properties) {
        super("classifier health check failed");
        this.rest = classifierRestClient;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.withDetail("url", properties.url().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> readiness = rest.get()
                .uri("/actuator/health/readiness")
                .retrieve()
                .onStatus(status -> status.value() == 503, (request, response) -> {})
                .body(Map.class);
        Object status = readiness == null ? null : readiness.get("status");
        if ("UP".equals(status)) {
            builder.up();
        } else {
            builder.down().withDetail("readiness", String.valueOf(status));
        }
    }
}
