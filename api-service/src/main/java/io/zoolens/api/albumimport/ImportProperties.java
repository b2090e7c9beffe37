package io.zoolens.api.albumimport;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What an album import may be ({@code zoolens.import.*}; {@code ZOOLENS_IMPORT_MAX_ARCHIVE_BYTES}, ...). A single
 * picture in it is limited like any upload ({@code zoolens.upload.max-bytes}).
 *
 * @param maxArchiveBytes largest archive (the request body); the gateway allows the same for this one path
 * @param maxEntries most entries in the archive's directory, folders and ignored files included
 * @param maxTotalBytes most bytes all entries may inflate to together: checked against the directory before
 *     anything is stored, and again against the bytes actually inflated
 * @param maxCompressionRatio most bytes an entry may inflate to per compressed byte, once it is past
 *     {@code ratioFreeBytes}: a decompression bomb is dropped after inflating little more than that
 * @param ratioFreeBytes inflated bytes an entry may reach before its ratio counts (a small plain picture
 *     compresses well and is no bomb)
 * @param maxRateWait longest pause for the per-minute upload limits before the rest of an import is skipped
 */
@ConfigurationProperties("zoolens.import")
public record ImportProperties(
        @DefaultValue("2GB") DataSize maxArchiveBytes,
        @DefaultValue("5000") int maxEntries,
        @DefaultValue("2GB") DataSize maxTotalBytes,
        @DefaultValue("100") int maxCompressionRatio,
        @DefaultValue("64KB") DataSize ratioFreeBytes,
        @DefaultValue("60s") Duration maxRateWait) {}
