package io.zoolens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The gateway's JSON access log (one object a line, snippets/logging/json-access-log.conf). */
final class AccessLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AccessLog() {}

    static List<JsonNode> entries(Path file) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> !line.isBlank())
                    .map(JSON::readTree)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The line of one request; Nginx writes it when the answer is complete, so it may lag a moment. */
    static JsonNode entry(Path file, String requestId) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            for (JsonNode entry : entries(file)) {
                if (requestId.equals(entry.path("request_id").asString())) {
                    return entry;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no access log line for request " + requestId + " in " + file);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The gateway answered this request itself: no api replica (or anything else) saw it. */
    static void assertAnsweredByTheGateway(Path file, java.net.http.HttpResponse<?> response) {
        assertAnsweredByTheGateway(
                file, response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    /** The gateway answered the request with this id itself. */
    static void assertAnsweredByTheGateway(Path file, String requestId) {
        String upstream = entry(file, requestId).path("upstream_addr").asString();
        if (!upstream.isEmpty()) {
            throw new AssertionError("request " + requestId + " reached " + upstream);
        }
    }
}
