package io.zoolens.api.classification;

/** Whether an album exists for an owner; implemented by the album feature, which depends on this one. */
public interface AlbumLookup {

    boolean exists(String albumId, String ownerId);
}
