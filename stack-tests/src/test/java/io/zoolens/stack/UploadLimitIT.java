package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Oversized uploads get 413 in the API's problem+json form: above the gateway's body limit (upload limit + 1 MiB
 * multipart room) from the gateway itself, just above the upload limit from the api. A real 12 MP photo passes the
 * gateway in memory, as a form and as the body, and is stored as it came.
 */
@StackTest
class UploadLimitIT {

    private static final int MIB = 1024 * 1024;
    private static final String IMAGE_TOO_LARGE = "https://zoolens.io/problems/image-too-large";

    private final GatewayClient client;
    private final NativeStack stack;

    UploadLimitIT(NativeStack stack) {
        // HTTP/1.1: over HTTP/2, Java 17's client does not hand out an answer that comes before its upload is
        // done (Nginx stops reading at once), and then fails on Nginx's GOAWAY; curl and browsers read the 413.
        this.client = new GatewayClient(stack, HttpClient.Version.HTTP_1_1);
        this.stack = stack;
    }

    @Test
    void anUploadAboveTheGatewayLimitIsRefusedByTheGatewayWith413ProblemJson() {
        HttpResponse<String> response = upload(12 * MIB);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = GatewayClient.json(response);
        assertThat(problem.path("type").asString()).isEqualTo(IMAGE_TOO_LARGE);
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("title").asString()).isEqualTo("Image too large");
        assertThat(problem.path("detail").asString()).contains("10 MiB");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/classifications");
        assertThat(problem.path("maxBytes").asLong()).isEqualTo(10L * MIB);
        assertThat(problem.path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        // the body never reached an api replica
        AccessLog.assertAnsweredByTheGateway(stack.accessLog(), response);
    }

    @Test
    void anUploadJustAboveTheUploadLimitPassesTheGatewayAndTheApiRefusesItWith413ProblemJson() {
        HttpResponse<String> response = upload(10 * MIB + 64 * 1024);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(GatewayClient.json(response).path("type").asString()).isEqualTo(IMAGE_TOO_LARGE);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(AccessLog.entry(stack.accessLog(), requestId)
                        .path("upstream_status")
                        .asString())
                .isEqualTo("413");
    }

    @ParameterizedTest
    @ValueSource(strings = {"form", "body"})
    void aTwelveMegapixelPhotoIsHeldInMemoryByTheGatewayNeverWrittenToATemporaryFile(String sentAs) throws IOException {
        long spooledBefore = bodiesSpooledToFiles();
        byte[] photo = Files.readAllBytes(StackPaths.testImage("large/coffee-12mp.jpg"));

        HttpResponse<String> response = sentAs.equals("form")
                ? client.postMultipart(
                        "/api/classifications", new Multipart().file("image", "coffee-12mp.jpg", "image/jpeg", photo))
                : client.postBody("/api/classifications?filename=coffee-12mp.jpg", "image/jpeg", photo);

        assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(AccessLog.entry(stack.accessLog(), requestId)
                        .path("upstream_addr")
                        .asString())
                .isNotEmpty();
        // Nginx warns for every body it writes to client_body_temp, before it passes the request on
        assertThat(bodiesSpooledToFiles()).isEqualTo(spooledBefore);
        // the original is stored as it came, byte for byte
        String original = GatewayClient.json(response).path("image").path("url").asString();
        assertThat(client.getBytes(original).body()).isEqualTo(photo);
    }

    private long bodiesSpooledToFiles() throws IOException {
        try (Stream<String> lines = Files.lines(stack.log("gateway"))) {
            return lines.filter(line -> line.contains("a client request body is buffered to a temporary file"))
                    .count();
        }
    }

    private HttpResponse<String> upload(int bytes) {
        byte[] content = new byte[bytes];
        new Random(42).nextBytes(content);
        return client.postMultipart(
                "/api/classifications", new Multipart().file("image", "huge.jpg", "image/jpeg", content));
    }
}
