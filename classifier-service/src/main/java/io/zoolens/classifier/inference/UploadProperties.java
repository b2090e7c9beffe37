package io.zoolens.classifier.inference;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Limits on what a client may send, checked before any pixel is decoded. */
@ConfigurationProperties("zoolens.upload")
public record UploadProperties(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("40000000") long maxPixels,

        @DefaultValue({"image/jpeg", "image/png", "image/webp", "image/gif", "image/bmp"})
        List<String> allowedTypes) {}
