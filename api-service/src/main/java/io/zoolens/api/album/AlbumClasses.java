package io.zoolens.api.album;

import java.util.List;

/**
 * Which custom models use an album as a class, and dropping it from them; implemented by the custom-model feature
 * (which builds on albums).
 */
public interface AlbumClasses {

    /** The owner's custom models that have {@code albumId} among their classes, by name. */
    List<ModelRef> modelsWith(String ownerId, String albumId);

    /** Removes {@code albumId} from the classes of every custom model of the owner's. */
    void removeFromModels(String ownerId, String albumId);

    record ModelRef(String id, String name) {}
}
