package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.stackharness.NativeStack;
import io.zoolens.stackharness.TrustedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP/1.1 written by hand over one socket (TLS or plain) to the gateway, for what well-behaved clients refuse to
 * send: malformed request lines, TRACE, a NUL in the path, oversized or forged headers, bodies trickled byte by
 * byte. Nothing is added to what the test writes.
 */
final class RawHttp implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A TLS connection to the stack's HTTPS port; the handshake names {@code tlsName} (SNI) unless it is an address. */
    static RawHttp tls(NativeStack stack, String tlsName) {
        try {
            SSLSocket socket = (SSLSocket) TrustedCertificate.sslContext(stack.certificate())
                    .getSocketFactory()
                    .createSocket();
            socket.connect(new InetSocketAddress("127.0.0.1", stack.ports().https()), 5_000);
            SSLParameters parameters = socket.getSSLParameters();
            if (!tlsName.matches("[0-9.]+")) {
                parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(tlsName)));
            }
            parameters.setApplicationProtocols(new String[] {"http/1.1"});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(60_000);
            socket.startHandshake();
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RawHttp tls(NativeStack stack) {
        return tls(stack, "localhost");
    }

    /** A plain connection to the stack's HTTP port. */
    static RawHttp plain(NativeStack stack) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", stack.ports().http()), 5_000);
            socket.setSoTimeout(30_000);
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends one request as given (CRLFs included) and reads its answer. */
    static Answer exchange(RawHttp connection, String request) {
        try (connection) {
            connection.send(request);
            return connection.answer();
        }
    }

    void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one answer: status line, headers, and the body by its Content-Length (or up to the connection's end). */
    Answer answer() {
        try {
            String head = readHead();
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(),
                        (first, second) -> first + ", " + second);
            }
            String length = headers.get("content-length");
            byte[] body;
            if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = readChunks();
            } else {
                body = in.readAllBytes();
            }
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the gateway closed the connection within the wait (reads and drops anything it sends first). */
    boolean closedWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (in.read() < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine();
            int bytes = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (bytes == 0) {
                readLine(); // the empty line after the last chunk (no trailers here)
                return body.toByteArray();
            }
            body.write(in.readNBytes(bytes));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new IOException("connection closed in a chunked body");
            }
            if (next != '\r') {
                line.write(next);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes: " + head);
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    /** One answer as read from the wire. */
    record Answer(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        /**
         * Asserts a problem+json answer of the gateway (never an HTML page) with every member docs/api.md promises,
         * its requestId the answer's X-Request-Id; answers the problem.
         */
        JsonNode assertProblem(int expectedStatus, String type) {
            assertThat(status).as(this.toString()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).as(this.toString()).isEqualTo("application/problem+json");
            JsonNode problem = json();
            assertThat(problem.path("type").asString()).isEqualTo("https://zoolens.io/problems/" + type);
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("title").asString()).isNotBlank();
            assertThat(problem.path("detail").asString()).isNotBlank();
            assertThat(problem.path("instance").asString()).startsWith("/");
            assertThat(problem.path("requestId").asString()).isNotBlank().isEqualTo(header("X-Request-Id"));
            return problem;
        }
    }
}
