package io.zoolens.api.support;

import io.zoolens.image.testing.HostileImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Requests a well-behaved client never sends, byte for byte: raw bodies (invalid UTF-8, broken JSON), hand-made
 * multipart forms (raw file-name bytes, huge part headers, thousands of parts), any method and content type. The
 * session and CSRF cookies come from a {@link Browser}, so a request is made as that browser's user; answers do
 * not update its cookie jar.
 */
public final class HostileRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final int port;
    private final Browser browser;
    private boolean sendCsrf = true;

    public HostileRequests(int port, Browser browser) {
        this.port = port;
        this.browser = browser.fetchCsrf();
    }

    /** The same browser without the CSRF header. */
    public HostileRequests withoutCsrf() {
        HostileRequests copy = new HostileRequests(port, browser);
        copy.sendCsrf = false;
        return copy;
    }

    public Browser.Response send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Forwarded-For", browser.clientIp())
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        String cookies = cookieHeader();
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        if (sendCsrf) {
            browser.cookie("XSRF-TOKEN").ifPresent(token -> builder.header("X-XSRF-TOKEN", token));
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Browser.Response(
                    response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Browser.Response json(String method, String path, byte[] body) {
        return send(method, path, "application/json", body);
    }

    public Browser.Response json(String method, String path, String body) {
        return json(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    public Browser.Response multipart(String path, Multipart form) {
        return send("POST", path, "multipart/form-data; boundary=" + form.boundary(), form.bytes());
    }

    private String cookieHeader() {
        List<String> pairs = new ArrayList<>();
        browser.cookie("SESSION").ifPresent(value -> pairs.add("SESSION=" + value));
        browser.cookie("XSRF-TOKEN").ifPresent(value -> pairs.add("XSRF-TOKEN=" + value));
        return String.join("; ", pairs);
    }

    /** A multipart/form-data body built part by part from raw bytes, so any part may be malformed. */
    public static final class Multipart {

        private final String boundary;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        public Multipart() {
            this("zoolens-fuzz-boundary");
        }

        public Multipart(String boundary) {
            this.boundary = boundary;
        }

        public String boundary() {
            return boundary;
        }

        /** A text field. */
        public Multipart field(String name, byte[] value) {
            return part(ascii("Content-Disposition: form-data; name=\"" + name + "\""), value);
        }

        public Multipart field(String name, String value) {
            return field(name, value.getBytes(StandardCharsets.UTF_8));
        }

        /** A file part whose file name is written as the given raw bytes. */
        public Multipart file(String name, byte[] rawFilename, String contentType, byte[] content) {
            byte[] disposition = HostileImages.concat(
                    ascii("Content-Disposition: form-data; name=\"" + name + "\"; filename=\""),
                    rawFilename,
                    ascii("\"\r\nContent-Type: " + contentType));
            return part(disposition, content);
        }

        public Multipart file(String name, String filename, byte[] content) {
            return file(name, filename.getBytes(StandardCharsets.UTF_8), "application/octet-stream", content);
        }

        /** A part with the given raw header lines (without the final blank line). */
        public Multipart part(byte[] headers, byte[] content) {
            body.writeBytes(ascii("--" + boundary + "\r\n"));
            body.writeBytes(headers);
            body.writeBytes(ascii("\r\n\r\n"));
            body.writeBytes(content);
            body.writeBytes(ascii("\r\n"));
            return this;
        }

        /** Raw bytes, e.g. a part without a closing boundary. */
        public Multipart raw(byte[] bytes) {
            body.writeBytes(bytes);
            return this;
        }

        /** The body with its closing boundary. */
        public byte[] bytes() {
            ByteArrayOutputStream closed = new ByteArrayOutputStream();
            closed.writeBytes(body.toByteArray());
            closed.writeBytes(ascii("--" + boundary + "--\r\n"));
            return closed.toByteArray();
        }

        /** The body as written so far, without the closing boundary. */
        public byte[] unclosed() {
            return body.toByteArray();
        }

        private static byte[] ascii(String text) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
