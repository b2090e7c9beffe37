package io.zoolens.classifier.catalog;

import io.zoolens.classifier.runtime.LoadedModel;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The loaded models as one immutable snapshot that is replaced as a whole, so a request sees either
 * the old set of versions or the new one, never a half-updated mix.
 */
@Component
public class ModelRegistry {

    /** Numeric versions by value ("10" after "9"), anything else alphabetically after them. */
    static final Comparator<String> VERSION_ORDER = Comparator.<String, Boolean>comparing(v -> !v.matches("\\d{1,18}"))
            .thenComparing(v -> v.matches("\\d{1,18}") ? Long.parseLong(v) : 0L)
            .thenComparing(Comparator.naturalOrder());

    private final ModelProperties properties;
    private volatile Map<String, NavigableMap<String, LoadedModel>> models = Map.of();
    /** False until the first scan of the models folder is published. */
    private volatile boolean scanned;

    public ModelRegistry(ModelProperties properties) {
        this.properties = properties;
    }

    public String defaultModelName() {
        return properties.defaultModel();
    }

    /** The named model in the given version, or its newest when {@code version} is null. */
    public LoadedModel resolve(String name, String version) {
        NavigableMap<String, LoadedModel> versions = models.get(name);
        if (versions == null || versions.isEmpty()) {
            if (!scanned) {
                throw new ModelNotReadyException(name);
            }
            throw new ModelNotFoundException(name);
        }
        if (version == null || version.isBlank()) {
            return versions.lastEntry().getValue();
        }
        LoadedModel model = versions.get(version);
        if (model == null) {
            throw new ModelVersionNotFoundException(name, version, versions.keySet());
        }
        return model;
    }

    public Optional<LoadedModel> find(String name) {
        NavigableMap<String, LoadedModel> versions = models.get(name);
        return versions == null || versions.isEmpty()
                ? Optional.empty()
                : Optional.of(versions.lastEntry().getValue());
    }

    /** Every model name with its loaded versions, oldest first, names sorted. */
    public Map<String, List<LoadedModel>> all() {
        return models.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .collect(java.util.stream.Collectors.toMap(
                        Map.Entry::getKey,
                        e -> List.copyOf(e.getValue().values()),
                        (a, b) -> a,
                        java.util.LinkedHashMap::new));
    }

    Map<String, NavigableMap<String, LoadedModel>> snapshot() {
        return models;
    }

    void publish(Map<String, NavigableMap<String, LoadedModel>> next) {
        models = Collections.unmodifiableMap(next);
        scanned = true;
    }
}
