package io.zoolens.api.classification;

import io.zoolens.api.classification.ClassificationResponse.AlbumRef;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Classifications as the API shows them, with the names of their albums (one lookup per page). */
@Component
class ClassificationViews {

    private final AlbumLookup albums;

    ClassificationViews(AlbumLookup albums) {
        this.albums = albums;
    }

    /** One item read with {@code shown}, or with its upload's own thresholds when {@code null}. */
    ClassificationResponse one(Classification item, Thresholds shown) {
        Map<String, String> names =
                item.albumId() == null ? Map.of() : albums.names(item.ownerId(), List.of(item.albumId()));
        return ClassificationResponse.of(
                item, shown == null ? item.ownThresholds() : shown, album(item.albumId(), names));
    }

    /** A page of one owner's items, each read with its own thresholds. */
    List<ClassificationResponse> page(String ownerId, List<Classification> items) {
        List<String> albumIds = items.stream()
                .map(Classification::albumId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        Map<String, String> names = albumIds.isEmpty() ? Map.of() : albums.names(ownerId, albumIds);
        return items.stream()
                .map(item -> ClassificationResponse.of(item, item.ownThresholds(), album(item.albumId(), names)))
                .toList();
    }

    private static AlbumRef album(String albumId, Map<String, String> names) {
        String name = albumId == null ? null : names.get(albumId);
        return name == null ? null : new AlbumRef(albumId, name);
    }
}
