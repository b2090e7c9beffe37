package io.zoolens.api.classification;

import java.util.Collection;
import java.util.Map;

/**
 * What an upload needs of custom models: the classifier folder and version of an owner's model; implemented by
 * the custom-model feature. Another owner's model, and a guest's request, are not found (404).
 */
public interface CustomModelLookup {

    /** The folder and version to classify with; {@code version} {@code null} means the active version. */
    Choice resolve(String ownerId, String modelId, String version);

    /** The owner's custom models among classifier folders {@code folders}, by folder (others are absent). */
    Map<String, ModelRef> byFolder(String ownerId, Collection<String> folders);

    record Choice(String folder, String version) {}

    record ModelRef(String id, String name) {}
}
