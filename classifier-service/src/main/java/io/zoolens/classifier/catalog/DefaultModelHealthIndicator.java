package io.zoolens.classifier.catalog;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: the service takes traffic only once the default model is loaded and its
 * warm-up inference passed (the loader publishes a model only after that).
 */
@Component("defaultModel")
class DefaultModelHealthIndicator implements HealthIndicator {

    private final ModelRegistry registry;
    private final ModelFolderScanner scanner;

    DefaultModelHealthIndicator(ModelRegistry registry, ModelFolderScanner scanner) {
        this.registry = registry;
        this.scanner = scanner;
    }

    @Override
    public Health health() {
        String name = registry.defaultModelName();
        return registry.find(name)
                .map(model -> Health.up()
                        .withDetail("model", name)
                        .withDetail("version", model.version())
                        .withDetail("loadedAt", model.loadedAt().toString())
                        .build())
                .orElseGet(() -> Health.outOfService()
                        .withDetail("model", name)
                        .withDetail("reason", "not loaded yet")
                        .withDetail("failures", scanner.failures())
                        .build());
    }
}
