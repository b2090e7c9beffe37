package io.zoolens.api.classifier;

import io.zoolens.api.classifier.ClassifierApi.ModelDescription;
import io.zoolens.api.classifier.ClassifierApi.ModelList;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * A cache of the classifier's models with their labels, kept for {@code zoolens.classifier.catalog-ttl}: the model
 * picker and every upload without an explicit model need it, and it changes only when a model is deployed.
 */
@Component
public class ClassifierModelCache {

    /** The folders of custom models ({@code u-<ownerId>-<modelId>}), left out of the catalog. */
    static final String CUSTOM_PREFIX = "u-";

    private final ClassifierClient client;
    private final ClassifierProperties properties;
    private final Clock clock;
    private final AtomicReference<Cached> cached = new AtomicReference<>();

    ClassifierModelCache(ClassifierClient client, ClassifierProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** The models, each with its labels; throws {@link ClassifierUnavailableException} if not reachable. */
    public Catalog catalog() {
        Cached current = cached.get();
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.until())) {
            return current.catalog();
        }
        ModelList list = client.models();
        List<ModelDescription> models = new ArrayList<>();
        for (ModelDescription summary : list.models() == null ? List.<ModelDescription>of() : list.models()) {
            if (summary.name() == null || summary.name().startsWith(CUSTOM_PREFIX)) {
                continue; // accounts' own models: only their owners see them, through /api/custom-models
            }
            models.add(client.model(summary.name()));
        }
        Catalog fresh = new Catalog(list.defaultModel(), List.copyOf(models));
        cached.set(new Cached(fresh, now.plus(properties.catalogTtl())));
        return fresh;
    }

    /** The model the classifier uses when none is named. */
    public String defaultModel() {
        String name = catalog().defaultModel();
        if (name == null || name.isBlank()) {
            throw new ClassifierUnavailableException("the classifier names no default model", false, null);
        }
        return name;
    }

    public record Catalog(String defaultModel, List<ModelDescription> models) {}

    private record Cached(Catalog catalog, Instant until) {}
}
