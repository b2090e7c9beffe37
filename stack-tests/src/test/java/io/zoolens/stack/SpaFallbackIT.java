package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SPA: client routes fall back to index.html, hashed bundles are cached for good, the page never. */
@StackTest
class SpaFallbackIT {

    private final GatewayClient client;
    private final Path dist;

    SpaFallbackIT(GatewayClient client, NativeStack stack) {
        this.client = client;
        this.dist = stack.repoDir().resolve("frontend/dist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/history", "/classifications/6745a1b2c3", "/albums/x/y?page=2"})
    void clientRoutesAnswerWithIndexHtmlThatIsAlwaysRevalidated(String path) throws IOException {
        HttpResponse<String> response = client.get(path);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body()).isEqualTo(Files.readString(dist.resolve("index.html")));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @Test
    void hashedBundlesAreCachedForAYear() throws IOException {
        String bundle = "/assets/" + largestBundle().getFileName();

        HttpResponse<byte[]> response = client.getBytes(bundle);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(response.body()).isEqualTo(Files.readAllBytes(largestBundle()));
    }

    @Test
    void aMissingBundleIsNotFoundRatherThanIndexHtml() {
        HttpResponse<String> response = client.get("/assets/index-00000000.js");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("<div id=\"app\"");
    }

    @Test
    void scriptsAreGzipped() throws IOException {
        HttpResponse<byte[]> response =
                client.getBytes("/assets/" + largestBundle().getFileName(), "Accept-Encoding", "gzip");

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(response.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat((long) response.body().length).isLessThan(Files.size(largestBundle()));
    }

    @Test
    void theWebAppManifestHasItsMediaType() {
        HttpResponse<String> response = client.get("/manifest.webmanifest");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/manifest+json");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    private Path largestBundle() throws IOException {
        try (Stream<Path> files = Files.list(dist.resolve("assets"))) {
            return files.filter(file -> file.toString().endsWith(".js"))
                    .max(Comparator.comparingLong(SpaFallbackIT::size))
                    .orElseThrow(() -> new AssertionError("no .js bundle in " + dist.resolve("assets")));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
