package io.zoolens.api.albumimport;

import io.zoolens.api.account.Owner;
import io.zoolens.api.account.UploadAllowance;
import io.zoolens.api.album.AlbumsByName;
import io.zoolens.api.albumimport.EntryPlan.Picture;
import io.zoolens.api.albumimport.EntryPlan.Skipped;
import io.zoolens.api.albumimport.ImportSummary.AlbumResult;
import io.zoolens.api.albumimport.ImportSummary.SkippedEntry;
import io.zoolens.api.classification.Classification;
import io.zoolens.api.classification.Thresholds;
import io.zoolens.api.classification.UploadIntake;
import io.zoolens.api.classification.UploadIntake.ModelRequest;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.image.ImageRejectedException;
import io.zoolens.web.UploadProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Imports a received archive: opens its directory (a corrupt or oversized archive is refused before anything is
 * stored), plans every entry from its name ({@link EntryPlan}), then stores one picture after the other through
 * the single upload's own way in ({@link UploadAllowance}, {@link UploadIntake}): same checks, limits, quota and
 * classifier call. An entry is read in full and checked (size, compression ratio, CRC) before it is stored, so a
 * refused entry leaves nothing behind.
 */
@Component
class AlbumImporter {

    private static final Logger log = LoggerFactory.getLogger(AlbumImporter.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    /** A directory record is 46 bytes and the name; names of a kilobyte are already absurd. */
    private static final long DIRECTORY_BYTES_PER_ENTRY = 1024;

    private final ImportProperties limits;
    private final UploadProperties upload;
    private final UploadAllowance allowance;
    private final UploadIntake intake;
    private final AlbumsByName albums;
    private final AlbumPictures pictures;

    AlbumImporter(
            ImportProperties limits,
            UploadProperties upload,
            UploadAllowance allowance,
            UploadIntake intake,
            AlbumsByName albums,
            AlbumPictures pictures) {
        this.limits = limits;
        this.upload = upload;
        this.allowance = allowance;
        this.intake = intake;
        this.albums = albums;
        this.pictures = pictures;
    }

    /**
     * Imports {@code archive} for {@code owner}, whose uploads come from {@code client}; {@code progress} hears
     * after every entry. Throws {@link ApiException} ({@code corrupt-archive}, {@code archive-too-large}) before
     * anything is stored.
     */
    ImportSummary run(Path archive, Owner owner, String client, Consumer<ImportProgress.Progress> progress) {
        ZipFile zip = open(archive);
        try {
            List<ZipEntry> entries;
            try {
                entries = Collections.list(zip.entries()).stream()
                        .map(ZipEntry.class::cast)
                        .toList();
            } catch (IllegalArgumentException e) {
                // A name that is not UTF-8, where the JDK checks it only now.
                throw corrupt();
            }
            refuseOversized(entries);
            Map<String, ZipEntry> byName = new LinkedHashMap<>();
            entries.forEach(entry -> byName.putIfAbsent(entry.getName(), entry));
            List<EntryPlan.Item> plan = EntryPlan.of(List.copyOf(byName.keySet()));
            return new Run(owner, client, plan.size(), progress).through(zip, byName, plan);
        } finally {
            try {
                zip.close();
            } catch (IOException e) {
                // Read only: nothing is lost, and the import's answer matters more.
                log.debug("closing the archive failed", e);
            }
        }
    }

    private ZipFile open(Path archive) {
        ZipEnd end;
        try {
            end = ZipEnd.of(archive).orElseThrow(AlbumImporter::corrupt);
        } catch (IOException e) {
            throw corrupt();
        }
        // Before ZipFile reads the directory into memory: its size as the archive states it (ZipFile refuses a
        // directory larger than the file itself).
        if (end.entries() < 0 || end.entries() > limits.maxEntries()) {
            throw tooManyEntries(end.entries());
        }
        long maxDirectory = limits.maxEntries() * DIRECTORY_BYTES_PER_ENTRY;
        if (end.directoryBytes() < 0 || end.directoryBytes() > maxDirectory) {
            throw new ApiException(
                    ProblemType.ARCHIVE_TOO_LARGE,
                    "The archive's directory is larger than " + maxDirectory / 1024
                            + " KiB (1 KiB an entry at most). Nothing was imported.",
                    Map.of("maxEntries", limits.maxEntries()),
                    null);
        }
        try {
            return new ZipFile(archive.toFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            log.info("refused an archive: {}", e.getMessage());
            throw corrupt();
        }
    }

    private static ApiException corrupt() {
        return new ApiException(
                ProblemType.CORRUPT_ARCHIVE,
                "This is not a readable ZIP archive (its directory is missing or damaged, or a name is not UTF-8)."
                        + " Nothing was imported.");
    }

    private ApiException tooManyEntries(long entries) {
        return new ApiException(
                ProblemType.ARCHIVE_TOO_LARGE,
                "The archive has " + entries + " entries; at most " + limits.maxEntries()
                        + " are imported at once. Nothing was imported.",
                Map.of("maxEntries", limits.maxEntries(), "entries", entries),
                null);
    }

    /** The directory's own counts: too many entries, or sizes adding up past the limit, end it here. */
    private void refuseOversized(List<ZipEntry> entries) {
        if (entries.size() > limits.maxEntries()) {
            throw tooManyEntries(entries.size());
        }
        long declared = 0;
        for (ZipEntry entry : entries) {
            declared += Math.max(0, entry.getSize());
        }
        if (declared > limits.maxTotalBytes().toBytes()) {
            throw totalTooLarge();
        }
    }

    private ApiException totalTooLarge() {
        return new ApiException(
                ProblemType.ARCHIVE_TOO_LARGE,
                "The archive unpacks to more than " + mib(limits.maxTotalBytes().toBytes()) + ". Nothing was imported.",
                Map.of("maxTotalBytes", limits.maxTotalBytes().toBytes()),
                null);
    }

    /** One import's counts and albums. */
    private final class Run {

        private final Owner owner;
        private final String client;
        private final int total;
        private final Consumer<ImportProgress.Progress> progress;
        private final Map<String, Filled> filled = new LinkedHashMap<>();
        private final List<SkippedEntry> skipped = new ArrayList<>();
        private int imported;
        private int pending;
        private int done;
        private long inflated;
        /** Once the account's limits or the archive's total stop the import: why, for every entry left. */
        private SkippedEntry stop;

        Run(Owner owner, String client, int total, Consumer<ImportProgress.Progress> progress) {
            this.owner = owner;
            this.client = client;
            this.total = total;
            this.progress = progress;
        }

        ImportSummary through(ZipFile zip, Map<String, ZipEntry> byName, List<EntryPlan.Item> plan) {
            for (EntryPlan.Item item : plan) {
                if (item instanceof Skipped skip) {
                    skip(null, skip.name(), skip.reason(), skip.detail());
                } else if (item instanceof Picture picture) {
                    importOne(zip, byName.get(picture.name()), picture);
                }
                done++;
                report();
            }
            List<AlbumResult> results = new ArrayList<>();
            for (Filled album : filled.values()) {
                if (album.target == null) {
                    continue;
                }
                if (album.target.created() && album.imported == 0) {
                    albums.discardIfEmpty(owner.id(), album.target.id());
                    continue;
                }
                results.add(new AlbumResult(
                        album.target.id(), album.target.name(), album.target.created(), album.imported, album.skipped));
            }
            return new ImportSummary(results, imported, List.copyOf(skipped), pending);
        }

        private void importOne(ZipFile zip, ZipEntry entry, Picture picture) {
            Filled album = filled.computeIfAbsent(key(picture.folder()), key -> new Filled(picture.folder()));
            if (stop != null) {
                skip(album, picture.name(), stop.reason(), stop.detail());
                return;
            }
            byte[] bytes;
            try {
                bytes = read(zip, entry);
            } catch (EntryRefused e) {
                skip(album, picture.name(), e.reason, e.getMessage());
                return;
            }
            inflated += bytes.length;
            if (inflated > limits.maxTotalBytes().toBytes()) {
                // The directory understated the sizes: the bytes themselves are the measure.
                stopWith(
                        album,
                        picture.name(),
                        ProblemType.ARCHIVE_TOO_LARGE.slug(),
                        "The archive unpacks to more than "
                                + mib(limits.maxTotalBytes().toBytes()) + "; the rest was not imported.");
                return;
            }
            try {
                if (album.target == null) {
                    album.target = albums.findOrCreate(owner.id(), album.name);
                }
                if (pictures.holds(owner.id(), album.target.id(), bytes)) {
                    // Not counted against the allowance: nothing is uploaded.
                    skip(album, picture.name(), "already-in-album", "The album already holds this picture.");
                    return;
                }
                Classification saved = store(bytes, picture.filename(), album.target.id());
                album.imported++;
                imported++;
                if (saved.status() == Classification.Status.PENDING) {
                    pending++;
                }
            } catch (ImageRejectedException e) {
                skip(album, picture.name(), e.reason().slug(), e.getMessage());
            } catch (ApiException e) {
                ProblemType type = e.problemType();
                if (type == ProblemType.RATE_LIMITED
                        || type == ProblemType.STORAGE_QUOTA_EXCEEDED
                        || type == ProblemType.GUEST_LIMIT_REACHED) {
                    stopWith(album, picture.name(), type.slug(), e.getMessage() + " The rest was not imported.");
                } else {
                    skip(album, picture.name(), type.slug(), e.getMessage());
                }
            }
        }

        /** The single upload's path; a short per-minute limit is waited out (with keep-alive lines), not skipped. */
        private Classification store(byte[] bytes, String filename, String albumId) {
            while (true) {
                try (var admitted = allowance.admit(owner, client, bytes.length)) {
                    return intake.upload(
                            () -> owner, bytes, filename, ModelRequest.DEFAULT, albumId, Thresholds.DEFAULT);
                } catch (ApiException e) {
                    Duration wait = e.retryAfter();
                    if (e.problemType() != ProblemType.RATE_LIMITED
                            || wait == null
                            || wait.compareTo(limits.maxRateWait()) > 0) {
                        throw e;
                    }
                    pause(wait);
                }
            }
        }

        private void pause(Duration wait) {
            long until = System.nanoTime() + wait.toNanos();
            try {
                for (long left = wait.toNanos(); left > 0; left = until - System.nanoTime()) {
                    Thread.sleep(Math.max(1, Math.min(left, KEEP_ALIVE.toNanos()) / 1_000_000));
                    report();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted", e);
            }
        }

        private void stopWith(Filled album, String name, String reason, String detail) {
            stop = new SkippedEntry(name, reason, detail);
            skip(album, name, reason, detail);
        }

        private void skip(Filled album, String name, String reason, String detail) {
            skipped.add(new SkippedEntry(name, reason, detail));
            if (album != null) {
                album.skipped++;
            }
        }

        private void report() {
            progress.accept(new ImportProgress.Progress(done, total, imported, skipped.size()));
        }
    }

    /**
     * The entry's bytes, counted as they inflate: never more than an upload may have, never more than the ratio
     * allows per compressed byte (the directory's sizes are not trusted), and with the CRC the archive states.
     */
    private byte[] read(ZipFile zip, ZipEntry entry) throws EntryRefused {
        long maxBytes = upload.maxBytes().toBytes();
        long compressed = entry.getCompressedSize();
        long ratioFree = limits.ratioFreeBytes().toBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        long read = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                read += n;
                if (read > maxBytes) {
                    throw new EntryRefused(
                            ProblemType.IMAGE_TOO_LARGE.slug(),
                            "The picture is larger than " + mib(maxBytes) + ", the upload limit.");
                }
                if (compressed >= 0 && read > ratioFree && read > compressed * limits.maxCompressionRatio()) {
                    throw new EntryRefused(
                            "decompression-bomb",
                            "The entry inflates to more than " + limits.maxCompressionRatio()
                                    + " times its compressed size; not read further.");
                }
                out.write(buffer, 0, n);
                crc.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new EntryRefused("corrupt-entry", "The entry's data is damaged and cannot be unpacked.");
        }
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
            throw new EntryRefused("corrupt-entry", "The entry's data does not match its checksum.");
        }
        return out.toByteArray();
    }

    private static String key(String folder) {
        return folder.toLowerCase(Locale.ROOT);
    }

    private static String mib(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
    }

    /** A folder's album: found or made at its first picture. */
    private static final class Filled {
        private final String name;
        private AlbumsByName.Target target;
        private int imported;
        private int skipped;

        Filled(String name) {
            this.name = name;
        }
    }

    /** An entry refused while reading it; {@code reason} is its slug. */
    private static final class EntryRefused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        EntryRefused(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
