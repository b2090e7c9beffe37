package io.zoolens.api.classification;

/**
 * What an upload needs of custom models: the classifier folder and version of an owner's model; implemented by
 * the custom-model feature. Another owner's model, and a guest's request, are not found (404).
 */
public interface CustomModelLookup {

    /** The folder and version to classify with; {@code version} {@code null} means the active version. */
    Choice resolve(String ownerId, String modelId, String version);

    record Choice(String folder, String version) {}
}
