package io.zoolens.api.custommodel;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.zoolens.api.account.AccountDeleted;
import io.zoolens.api.classification.AlbumLookup;
import io.zoolens.api.classification.CustomModelLookup;
import io.zoolens.api.custommodel.CustomModel.ModelVersion;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Custom models of an account: create, change, delete, activate a version, and the atomic steps a training
 * needs (take the model for one job, add the version it trained, let go). Every write is a targeted update, so a
 * rename and a finishing training never overwrite each other's fields.
 */
@Component
public class CustomModels implements CustomModelLookup {

    private final CustomModelRepository repository;
    private final MongoTemplate mongo;
    private final AlbumLookup albums;
    private final ClassifierCleanup cleanup;
    private final CustomModelProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomModels(
            CustomModelRepository repository,
            MongoTemplate mongo,
            AlbumLookup albums,
            ClassifierCleanup cleanup,
            CustomModelProperties properties,
            ApplicationEventPublisher events,
            Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.albums = albums;
        this.cleanup = cleanup;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    CustomModel create(String ownerId, String name, List<String> albumIds, String backbone) {
        if (repository.countByOwnerId(ownerId) >= properties.maxModels()) {
            throw quota(
                    "models",
                    properties.maxModels(),
                    "You have " + properties.maxModels()
                            + " custom models, the most an account may have; delete one first.");
        }
        List<String> classes = checkedAlbums(ownerId, albumIds);
        Instant now = now();
        String trimmed = name.strip();
        CustomModel model = new CustomModel(
                null,
                ownerId,
                trimmed,
                CustomModel.key(trimmed),
                classes,
                backbone == null ? properties.defaultBackbone() : backbone,
                List.of(),
                null,
                null,
                now,
                now);
        return unique(trimmed, () -> repository.insert(model));
    }

    List<CustomModel> list(String ownerId) {
        return repository.findByOwnerIdOrderByNameKeyAsc(ownerId);
    }

    /** The owner's model; 404 for a missing id and another owner's alike. */
    public CustomModel get(String ownerId, String id) {
        return repository.findByIdAndOwnerId(id, ownerId).orElseThrow(() -> ApiException.notFound("custom model", id));
    }

    /** An upload's custom model: its folder and the version asked for, or the active one. */
    @Override
    public Choice resolve(String ownerId, String modelId, String version) {
        CustomModel model = get(ownerId, modelId);
        String chosen = version == null ? model.activeVersion() : version;
        if (chosen == null || model.version(chosen).isEmpty()) {
            throw new ApiException(
                    ProblemType.MODEL_VERSION_NOT_FOUND,
                    chosen == null
                            ? "The model has no trained version yet; train it first."
                            : "The model has no version " + chosen + ".",
                    chosen == null ? Map.of() : Map.of("version", chosen),
                    null);
        }
        return new Choice(model.folder(), chosen);
    }

    @Override
    public Map<String, ModelRef> byFolder(String ownerId, Collection<String> folders) {
        String prefix = CustomModel.folder(ownerId, "");
        Map<String, String> folderById = new HashMap<>();
        for (String folder : folders) {
            if (folder.startsWith(prefix) && folder.length() > prefix.length()) {
                folderById.put(folder.substring(prefix.length()), folder);
            }
        }
        Map<String, ModelRef> found = new HashMap<>();
        if (!folderById.isEmpty()) {
            for (CustomModel model : repository.findAllById(folderById.keySet())) {
                if (model.ownerId().equals(ownerId)) {
                    found.put(folderById.get(model.id()), new ModelRef(model.id(), model.name()));
                }
            }
        }
        return found;
    }

    /** The owner's model in classifier folder {@code folder}, empty for any other folder or a deleted model. */
    public Optional<CustomModel> inFolder(String ownerId, String folder) {
        String prefix = CustomModel.folder(ownerId, "");
        if (folder == null || !folder.startsWith(prefix) || folder.length() == prefix.length()) {
            return Optional.empty();
        }
        return repository.findByIdAndOwnerId(folder.substring(prefix.length()), ownerId);
    }

    /** The model by id alone, for the training runner (which checks the owner from the job). */
    public Optional<CustomModel> find(String id) {
        return repository.findById(id);
    }

    CustomModel update(String ownerId, String id, String name, List<String> albumIds) {
        get(ownerId, id);
        Update update = new Update().set("updatedAt", now());
        if (name != null) {
            update.set("name", name.strip()).set("nameKey", CustomModel.key(name));
        }
        if (albumIds != null) {
            update.set("albumIds", checkedAlbums(ownerId, albumIds));
        }
        String shown = name == null ? null : name.strip();
        unique(shown, () -> mongo.updateFirst(owned(ownerId, id), update, CustomModel.class));
        return get(ownerId, id);
    }

    void delete(String ownerId, String id) {
        CustomModel model = get(ownerId, id);
        repository.deleteById(model.id());
        events.publishEvent(new CustomModelDeleted(ownerId, model.id(), model.activeJobId()));
        removeFolder(model.folder());
    }

    /** The owner's model, which must have {@code version} (else 404 {@code model-version-not-found}). */
    private CustomModel withVersion(String ownerId, String id, String version) {
        CustomModel model = get(ownerId, id);
        if (model.version(version).isEmpty()) {
            throw new ApiException(
                    ProblemType.MODEL_VERSION_NOT_FOUND,
                    "The model has no version " + version + ".",
                    Map.of("version", version),
                    null);
        }
        return model;
    }

    CustomModel activate(String ownerId, String id, String version) {
        withVersion(ownerId, id, version);
        mongo.updateFirst(
                owned(ownerId, id).addCriteria(where("versions.version").is(version)),
                new Update().set("activeVersion", version).set("updatedAt", now()),
                CustomModel.class);
        return get(ownerId, id);
    }

    /**
     * Deletes a version that is not the active one (409 {@code version-active}), on the classifier too (now, or
     * once it is back: {@link ClassifierCleanup}).
     */
    void deleteVersion(String ownerId, String id, String version) {
        CustomModel model = withVersion(ownerId, id, version);
        // Conditional on "not active" in the same write, so a concurrent activation cannot be undercut.
        long pulled = mongo.updateFirst(
                        owned(ownerId, id).addCriteria(where("activeVersion").ne(version)),
                        new Update()
                                .pull(
                                        "versions",
                                        query(where("version").is(version)).getQueryObject())
                                .set("updatedAt", now()),
                        CustomModel.class)
                .getModifiedCount();
        if (pulled == 0) {
            if (get(ownerId, id).version(version).isEmpty()) {
                return; // deleted by a concurrent request meanwhile
            }
            throw new ApiException(
                    ProblemType.VERSION_ACTIVE,
                    "Version " + version + " is the active one; activate another version first.",
                    Map.of("version", version),
                    null);
        }
        cleanup.removeVersion(
                model.folder(), version, model.version(version).orElseThrow().jobId());
    }

    /**
     * Takes the model for {@code jobId}: atomically, only when no other training holds it (else 409
     * {@code training-in-progress}).
     */
    public CustomModel claimForTraining(String ownerId, String id, String jobId) {
        CustomModel model = get(ownerId, id);
        CustomModel claimed = mongo.findAndModify(
                owned(ownerId, id).addCriteria(where("activeJobId").is(null)),
                new Update().set("activeJobId", jobId),
                FindAndModifyOptions.options().returnNew(true),
                CustomModel.class);
        if (claimed == null) {
            throw new ApiException(
                    ProblemType.TRAINING_IN_PROGRESS,
                    "The model is being trained already; wait for that training or cancel it.",
                    model.activeJobId() == null ? Map.of() : Map.of("jobId", model.activeJobId()),
                    null);
        }
        return claimed;
    }

    /** Lets go of the model once {@code jobId} ended without a version. */
    public void release(String modelId, String jobId) {
        mongo.updateFirst(
                query(where("_id").is(modelId).and("activeJobId").is(jobId)),
                new Update().unset("activeJobId"),
                CustomModel.class);
    }

    /**
     * Adds the version {@code jobId} trained, makes it the active one and lets go of the model; then deletes the
     * oldest versions that are not active beyond the quota (on the classifier too). Empty when the model was
     * deleted meanwhile (its folder is removed again, the version with it).
     */
    public Optional<CustomModel> addVersion(String modelId, String jobId, ModelVersion version) {
        CustomModel updated = mongo.findAndModify(
                query(where("_id").is(modelId).and("activeJobId").is(jobId)),
                new Update()
                        .push("versions", version)
                        .set("activeVersion", version.version())
                        .set("updatedAt", now())
                        .unset("activeJobId"),
                FindAndModifyOptions.options().returnNew(true),
                CustomModel.class);
        if (updated == null) {
            return Optional.empty();
        }
        return Optional.of(pruned(updated));
    }

    private CustomModel pruned(CustomModel model) {
        List<ModelVersion> oldestFirst = new ArrayList<>(model.versions());
        oldestFirst.sort(Comparator.comparing(ModelVersion::number));
        int surplus = oldestFirst.size() - properties.keptVersions();
        List<String> dropped = new ArrayList<>();
        for (ModelVersion version : oldestFirst) {
            if (dropped.size() >= surplus) {
                break;
            }
            if (!version.version().equals(model.activeVersion())) {
                dropped.add(version.version());
            }
        }
        if (dropped.isEmpty()) {
            return model;
        }
        mongo.updateFirst(
                query(where("_id").is(model.id())),
                new Update()
                        .pull("versions", query(where("version").in(dropped)).getQueryObject()),
                CustomModel.class);
        for (ModelVersion version : oldestFirst) {
            if (dropped.contains(version.version())) {
                cleanup.removeVersion(model.folder(), version.version(), version.jobId());
            }
        }
        return repository.findById(model.id()).orElse(model);
    }

    /** The account's models and the classifier's folders and cached features go with it. */
    @EventListener
    void onAccountDeleted(AccountDeleted event) {
        for (CustomModel model : repository.findByOwnerIdOrderByNameKeyAsc(event.userId())) {
            repository.deleteById(model.id());
            events.publishEvent(new CustomModelDeleted(model.ownerId(), model.id(), model.activeJobId()));
            removeFolder(model.folder());
        }
        cleanup.removeFeatures(event.userId());
    }

    /** The folder goes with the model; a classifier that is away deletes it once it is back (ClassifierCleanup). */
    void removeFolder(String folder) {
        cleanup.removeModelFolder(folder);
    }

    /** Distinct album ids, each one of the owner's albums (else 422 album-not-found), at least two. */
    private List<String> checkedAlbums(String ownerId, List<String> albumIds) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(albumIds));
        if (distinct.size() < 2) {
            throw ApiException.invalidField("albumIds", "needs at least 2 different albums, one per class");
        }
        Map<String, String> names = albums.names(ownerId, distinct);
        List<String> unknown =
                distinct.stream().filter(id -> !names.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new ApiException(
                    ProblemType.ALBUM_NOT_FOUND,
                    "No album with id " + String.join(", ", unknown) + ".",
                    Map.of("albumIds", unknown),
                    null);
        }
        return distinct;
    }

    ApiException quota(String what, long limit, String detail) {
        return new ApiException(ProblemType.QUOTA_EXCEEDED, detail, Map.of("quota", what, "limit", limit), null);
    }

    private static <T> T unique(String name, Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw new ApiException(
                    ProblemType.MODEL_NAME_TAKEN,
                    "You already have a custom model called \u201c" + name
                            + "\u201d (names are compared ignoring case).",
                    name == null ? Map.of() : Map.of("name", name),
                    null);
        }
    }

    private static Query owned(String ownerId, String id) {
        return query(where("_id").is(id).and("ownerId").is(ownerId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
