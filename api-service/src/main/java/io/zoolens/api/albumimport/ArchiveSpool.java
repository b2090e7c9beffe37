package io.zoolens.api.albumimport;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Receives the archive, the request body, into a temporary file only the service can read, counting the bytes as
 * they come: a body past {@code zoolens.import.max-archive-bytes} ends with 413 {@code archive-too-large}, also
 * when it announced no or a false length. The file is needed because a ZIP's directory is at its end.
 */
@Component
class ArchiveSpool {

    private final ImportProperties limits;

    ArchiveSpool(ImportProperties limits) {
        this.limits = limits;
    }

    /** The received archive; the caller deletes it. */
    Path receive(HttpServletRequest request) {
        long max = limits.maxArchiveBytes().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        Path file;
        try {
            file = Files.createTempFile("zoolens-import-", ".zip");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary file for the archive", e);
        }
        try (InputStream in = request.getInputStream();
                OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received += n;
                if (received > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, n);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            delete(file);
            if (e instanceof IOException io) {
                throw new UncheckedIOException("the archive could not be received", io);
            }
            throw (RuntimeException) e;
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Not worth failing the answer for: the file goes when the service stops.
            file.toFile().deleteOnExit();
        }
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(
                ProblemType.ARCHIVE_TOO_LARGE,
                "The archive is larger than "
                        + (max % (1024 * 1024) == 0 ? max / (1024 * 1024) + " MiB" : max + " bytes")
                        + ". Nothing was imported.",
                Map.of("maxBytes", max),
                null);
    }
}
