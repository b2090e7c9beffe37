package io.zoolens.api.custommodel;

/** A custom model was deleted; its training (if any) stops. */
public record CustomModelDeleted(String ownerId, String modelId, String activeJobId) {}
