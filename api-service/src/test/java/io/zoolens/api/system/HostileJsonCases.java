package io.zoolens.api.system;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Hostile bodies for the JSON endpoints of {@link HostileJsonIT}, generated per endpoint from one seed: bytes that
 * are no JSON, invalid UTF-8, deep nesting, huge documents, absurd numbers, wrong types, operator injection, wrong
 * content types. Every one of them is invalid for its endpoint, so each must be refused and change nothing.
 */
final class HostileJsonCases {

    /**
     * A JSON endpoint; {@code {item}}, {@code {album}} and {@code {model}} stand for ids of the signed-in user's own
     * data.
     */
    record Endpoint(String method, String path, boolean signedIn, List<String> fields) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /**
     * One hostile request body.
     *
     * @param unknownKeysOnly valid JSON whose keys the endpoint does not know: for a PATCH, where every field is
     *     optional, that is a valid request that changes nothing; elsewhere required fields are missing
     */
    record Body(String name, String contentType, byte[] bytes, Set<String> slugs, boolean unknownKeysOnly) {

        Body(String name, String contentType, byte[] bytes, Set<String> slugs) {
            this(name, contentType, bytes, slugs, false);
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/auth/register", false, List.of("username", "email", "password")),
            new Endpoint("POST", "/api/auth/login", false, List.of("login", "password")),
            new Endpoint("PUT", "/api/classifications/{item}/feedback", true, List.of("correct", "label")),
            new Endpoint("PATCH", "/api/classifications/{item}", true, List.of("albumId")),
            new Endpoint("POST", "/api/classifications/bulk", true, List.of("ids", "action", "albumId")),
            new Endpoint("POST", "/api/albums", true, List.of("name", "description")),
            new Endpoint("PATCH", "/api/albums/{album}", true, List.of("name", "description")),
            new Endpoint("POST", "/api/custom-models", true, List.of("name", "albumIds", "backbone")),
            // albumIds is left out here: a list of strings is a well-formed change (then 422 album-not-found)
            new Endpoint("PATCH", "/api/custom-models/{model}", true, List.of("name")),
            new Endpoint("PUT", "/api/custom-models/{model}/active-version", true, List.of("version")));

    static final Set<String> BAD_BODY = Set.of("validation-failed");
    static final Set<String> BAD_TYPE = Set.of("unsupported-media-type");
    static final Set<String> TOO_LARGE = Set.of("request-too-large");
    private static final String JSON = "application/json";

    private final long seed;

    HostileJsonCases(long seed) {
        this.seed = seed;
    }

    List<Body> bodies(Endpoint endpoint) {
        Random random = new Random(seed * 31 + endpoint.toString().hashCode());
        String field = endpoint.fields().get(0);
        List<Body> bodies = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            byte[] bytes = new byte[1 + random.nextInt(i < 3 ? 64 : 8192)];
            random.nextBytes(bytes);
            bodies.add(new Body("random bytes #" + i + " (" + bytes.length + " bytes)", JSON, bytes, BAD_BODY));
        }
        // invalid UTF-8 inside a string value
        bodies.add(json(
                "broken two-byte sequence", concat("{\"" + field + "\":\"a", new byte[] {(byte) 0xc3, 0x28}, "b\"}")));
        bodies.add(json(
                "0xFF 0xFE bytes", concat("{\"" + field + "\":\"", new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}")));
        bodies.add(json(
                "overlong slash", concat("{\"" + field + "\":\"", new byte[] {(byte) 0xc0, (byte) 0xaf}, "\"}")));
        bodies.add(json("lone continuation byte", concat("{\"" + field + "\":\"", new byte[] {(byte) 0x80}, "\"}")));
        bodies.add(json(
                "cut in a three-byte sequence",
                concat("{\"" + field + "\":\"", new byte[] {(byte) 0xe2, (byte) 0x82}, "")));
        bodies.add(new Body(
                "UTF-16 body declared UTF-8",
                JSON,
                ("{\"" + field + "\":1}").getBytes(StandardCharsets.UTF_16),
                BAD_BODY));
        // nesting
        bodies.add(json("arrays nested 10,000 deep", "[".repeat(10_000) + "]".repeat(10_000)));
        bodies.add(json("arrays nested 100,000 deep, unclosed", "[".repeat(100_000)));
        bodies.add(json("objects nested 5,000 deep", "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
        bodies.add(json(
                "field value nested 3,000 deep", "{\"" + field + "\":" + "[".repeat(3_000) + "]".repeat(3_000) + "}"));
        // size
        bodies.add(json("a 4 MiB string", "{\"" + field + "\":\"" + "x".repeat(4 << 20) + "\"}"));
        bodies.add(unknownKeys("an array of a million numbers", "{\"padding\":[" + "0,".repeat(1_000_000) + "0]}"));
        StringBuilder keys = new StringBuilder("{");
        for (int i = 0; i < 100_000; i++) {
            keys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
        }
        bodies.add(unknownKeys("100,000 keys", keys.append('}').toString()));
        // numbers, in an array: a bare number would be taken as text by a text field, which is no harm
        bodies.add(json("exponent 999999", "{\"" + field + "\":[1e999999]}"));
        bodies.add(json("a number of 100,000 digits", "{\"" + field + "\":[" + "9".repeat(100_000) + "]}"));
        bodies.add(json("NaN", "{\"" + field + "\":[NaN]}"));
        bodies.add(json("-Infinity", "{\"" + field + "\":[-Infinity]}"));
        // types and injection, field by field
        for (String name : endpoint.fields()) {
            bodies.add(json(name + " as an object", "{\"" + name + "\":{\"a\":1}}"));
            bodies.add(json(name + " as an array", "{\"" + name + "\":[\"a\",\"b\"]}"));
            bodies.add(json(name + " as a Mongo operator", "{\"" + name + "\":{\"$ne\":null}}"));
            bodies.add(json(name + " as $where", "{\"" + name + "\":{\"$where\":\"sleep(10000)\"}}"));
        }
        // structure
        for (String text : List.of(
                "",
                "null",
                "[]",
                "\"text\"",
                "0",
                "{",
                "}",
                "{\"a\":}",
                "{\"a\":1,}",
                "{'a':1}",
                "{a:1}",
                "/* comment */ {}",
                "\u0000")) {
            bodies.add(json("document " + printable(text), text));
        }
        bodies.add(unknownKeys("two documents", "{\"a\":1}{\"b\":2}"));
        bodies.add(unknownKeys("a key of NUL", "{\"\\u0000\":1}"));
        bodies.add(json("duplicate key, the last one empty", "{\"" + field + "\":\"ok\",\"" + field + "\":{}}"));
        // content types
        String valid = "{\"" + field + "\":\"x\"}";
        bodies.add(new Body("JSON sent as text/plain", "text/plain", utf8(valid), BAD_TYPE));
        bodies.add(new Body(
                "XML with an external entity",
                "application/xml",
                utf8("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
                BAD_TYPE));
        bodies.add(new Body("form-encoded", "application/x-www-form-urlencoded", utf8(field + "=x"), BAD_TYPE));
        bodies.add(new Body(
                "multipart",
                "multipart/form-data; boundary=b",
                utf8("--b\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\nx\r\n--b--\r\n"),
                BAD_TYPE));
        bodies.add(new Body("no content type", null, utf8(valid), BAD_TYPE));
        bodies.add(new Body(
                "JSON with charset=bogus",
                "application/json; charset=bogus-charset",
                utf8(valid),
                Set.of("unsupported-media-type", "validation-failed")));
        return bodies;
    }

    private static Body unknownKeys(String name, String text) {
        byte[] bytes = utf8(text);
        return new Body(name, JSON, bytes, refusal(bytes), true);
    }

    private static Body json(String name, String text) {
        return json(name, utf8(text));
    }

    private static Body json(String name, byte[] bytes) {
        return new Body(name, JSON, bytes, refusal(bytes));
    }

    /** Over JsonBodyGuard's 64 KiB a body is refused for its size (413) before anything reads it. */
    private static Set<String> refusal(byte[] bytes) {
        return bytes.length > JsonBodyGuard.MAX_BYTES ? TOO_LARGE : BAD_BODY;
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(middle);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder("«");
        text.codePoints().forEach(c -> out.append(c < 0x20 ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.append('»').toString();
    }
}
