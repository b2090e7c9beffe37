package io.zoolens.api.albumimport;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.CurrentOwner;
import io.zoolens.api.account.Owner;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/albums/import}: a ZIP archive as the raw request body, one folder per album. Answers the
 * summary as JSON, or, for {@code Accept: application/x-ndjson}, a progress line after each entry and the summary
 * as the last line, for a progress bar. Accounts only (SecurityConfig: everything but uploads needs one).
 */
@RestController
@Tag(name = "albums")
class AlbumImportController {

    static final String ZIP = "application/zip";
    private static final Logger log = LoggerFactory.getLogger(AlbumImportController.class);

    private final ArchiveSpool spool;
    private final AlbumImporter importer;
    private final CurrentOwner currentOwner;
    private final JsonMapper json;

    AlbumImportController(ArchiveSpool spool, AlbumImporter importer, CurrentOwner currentOwner, JsonMapper json) {
        this.spool = spool;
        this.importer = importer;
        this.currentOwner = currentOwner;
        this.json = json;
    }

    @PostMapping(
            path = "/api/albums/import",
            // Windows browsers label .zip files application/x-zip-compressed; curl --data-binary sends whatever -H
            // says.
            consumes = {ZIP, "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(
            summary = "Import a ZIP of folders, one album per top-level folder (an existing album of that name is"
                    + " reused); each picture is stored and classified like an upload, refused entries are listed",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(mediaType = ZIP, schema = @Schema(type = "string", format = "binary"))))
    @ApiResponse(
            responseCode = "200",
            description = "The summary; with Accept: application/x-ndjson, progress lines and the summary as the last",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = ImportSummary.class)),
                @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = ImportSummary.class))
            })
    @ApiResponse(responseCode = "413", description = "archive-too-large: bytes, entries or unpacked size")
    @ApiResponse(responseCode = "422", description = "corrupt-archive: not a readable ZIP; nothing stored")
    void importArchive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Owner owner = new Owner(
                currentOwner.userId().orElseThrow(() -> new IllegalStateException("imports need an account")), false);
        boolean streamed = wantsLines(request);
        Path archive = spool.receive(request);
        try {
            if (!streamed) {
                ImportSummary summary = importer.run(archive, owner, request.getRemoteAddr(), line -> {});
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.getOutputStream().write(json.writeValueAsBytes(summary));
                return;
            }
            Lines lines = new Lines(response);
            ImportSummary summary;
            try {
                summary = importer.run(archive, owner, request.getRemoteAddr(), lines::write);
            } catch (RuntimeException e) {
                if (!lines.started()) {
                    throw e; // nothing answered yet: the usual problem+json
                }
                if (e instanceof UncheckedIOException && lines.broken()) {
                    return; // the client went away: nobody to tell
                }
                lines.write(new ImportProgress.BrokenOff(problem(e, request)));
                return;
            }
            lines.write(new ImportProgress.Finished(summary));
        } finally {
            ArchiveSpool.delete(archive);
        }
    }

    private static boolean wantsLines(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.equalsTypeAndSubtype(MediaType.APPLICATION_NDJSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The problem the answer would have been, for the last line of a stream that had already begun. */
    private static Map<String, Object> problem(RuntimeException e, HttpServletRequest request) {
        ProblemType type = e instanceof ApiException api ? api.problemType() : ProblemType.INTERNAL_ERROR;
        if (!(e instanceof ApiException)) {
            log.error("import broke off", e);
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type.type().toString());
        problem.put("title", type.title());
        problem.put("status", type.status().value());
        problem.put(
                "detail",
                e instanceof ApiException
                        ? e.getMessage()
                        : "The import broke off; the pictures counted so far are stored.");
        problem.put("instance", request.getRequestURI());
        return problem;
    }

    /** NDJSON lines, each flushed at once; the answer begins with the first. */
    private final class Lines {

        private final HttpServletResponse response;
        private OutputStream out;
        private boolean broken;

        Lines(HttpServletResponse response) {
            this.response = response;
        }

        boolean started() {
            return out != null;
        }

        boolean broken() {
            return broken;
        }

        void write(ImportProgress line) {
            try {
                if (out == null) {
                    response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    // Nginx passes each line on at once instead of buffering the answer.
                    response.setHeader("X-Accel-Buffering", "no");
                    out = response.getOutputStream();
                }
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                broken = true;
                // The client went away: stop importing; what is stored stays.
                throw new UncheckedIOException("the client closed the import's answer", e);
            }
        }
    }
}
