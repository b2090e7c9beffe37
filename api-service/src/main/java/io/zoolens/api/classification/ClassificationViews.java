package io.zoolens.api.classification;

import io.zoolens.api.classification.ClassificationResponse.AlbumRef;
import io.zoolens.api.classification.ClassificationResponse.CustomModelRef;
import io.zoolens.api.classification.CustomModelLookup.ModelRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Classifications as the API shows them, with the names of their albums (one lookup per page). */
@Component
class ClassificationViews {

    private final AlbumLookup albums;
    private final CustomModelLookup customModels;

    ClassificationViews(AlbumLookup albums, CustomModelLookup customModels) {
        this.albums = albums;
        this.customModels = customModels;
    }

    /** One item read with {@code shown}, or with its upload's own thresholds when {@code null}. */
    ClassificationResponse one(Classification item, Thresholds shown) {
        Map<String, String> names =
                item.albumId() == null ? Map.of() : albums.names(item.ownerId(), List.of(item.albumId()));
        return ClassificationResponse.of(
                item,
                shown == null ? item.ownThresholds() : shown,
                album(item.albumId(), names),
                customModel(item, models(item.ownerId(), List.of(item))));
    }

    /** A page of one owner's items, each read with its own thresholds. */
    List<ClassificationResponse> page(String ownerId, List<Classification> items) {
        List<String> albumIds = items.stream()
                .map(Classification::albumId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<String, String> names = albumIds.isEmpty() ? Map.of() : albums.names(ownerId, albumIds);
        Map<String, ModelRef> models = models(ownerId, items);
        return items.stream()
                .map(item -> ClassificationResponse.of(
                        item, item.ownThresholds(), album(item.albumId(), names), customModel(item, models)))
                .toList();
    }

    private Map<String, ModelRef> models(String ownerId, List<Classification> items) {
        List<String> folders = items.stream()
                .map(item -> item.upload().requestedModel())
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        return folders.isEmpty() ? Map.of() : customModels.byFolder(ownerId, folders);
    }

    private static CustomModelRef customModel(Classification item, Map<String, ModelRef> models) {
        ModelRef model = item.upload().requestedModel() == null
                ? null
                : models.get(item.upload().requestedModel());
        if (model == null) {
            return null;
        }
        String version = item.outcome().model() != null
                ? item.outcome().model().version()
                : item.upload().requestedVersion();
        return new CustomModelRef(model.id(), model.name(), version);
    }

    private static AlbumRef album(String albumId, Map<String, String> names) {
        String name = albumId == null ? null : names.get(albumId);
        return name == null ? null : new AlbumRef(albumId, name);
    }
}
