package io.zoolens.api.classification;

import java.util.Collection;
import java.util.Map;

/** What classifications need to know of albums; implemented by the album feature, which depends on this one. */
public interface AlbumLookup {

    boolean exists(String albumId, String ownerId);

    /** The names of those of {@code albumIds} that are the owner's albums, by id. */
    Map<String, String> names(String ownerId, Collection<String> albumIds);
}
