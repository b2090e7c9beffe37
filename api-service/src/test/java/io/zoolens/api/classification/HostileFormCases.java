package io.zoolens.api.classification;

import static io.zoolens.api.classification.HostileUploadCases.MAX_BYTES;
import static io.zoolens.api.classification.HostileUploadCases.PATH;
import static io.zoolens.api.classification.HostileUploadCases.refused;
import static io.zoolens.image.testing.HostileImages.ascii;
import static io.zoolens.image.testing.HostileImages.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classification.HostileUploadCases.Case;
import io.zoolens.api.classification.HostileUploadCases.Outcome;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.HostileRequests;
import io.zoolens.api.support.HostileRequests.Multipart;
import io.zoolens.image.testing.HostileImages;
import io.zoolens.image.testing.HostileImages.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The hostile upload forms of {@link HostileUploadIT}, beside the hostile images of {@link HostileUploadCases}: file
 * names with path characters and disguises, and malformed, oversized or mistyped multipart forms.
 */
final class HostileFormCases {

    private final long seed;

    HostileFormCases(long seed) {
        this.seed = seed;
    }

    private Random random(String category) {
        return new Random(seed * 31 + category.hashCode());
    }

    /**
     * File names with path characters, markup and disguises on valid images: kept as the last path segment,
     * without control characters and bidirectional overrides, at most 200 characters; never used as a path.
     */
    List<Case> fileNames() {
        Random random = random("file names");
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        kept.put("../../../../etc/passwd", "passwd");
        kept.put("..\\..\\..\\windows\\win.ini", "win.ini");
        kept.put("/var/lib/zoolens/../../root/.ssh/id_rsa", "id_rsa");
        kept.put("C:\\Users\\Public\\evil.png", "evil.png");
        kept.put("%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fetc%2fpasswd");
        kept.put("....//....//etc/hosts", "hosts");
        kept.put("uploads/", null);
        kept.put("<img src=x onerror=alert(1)>.png", "<img src=x onerror=alert(1)>.png");
        kept.put("\"; filename=evil.sh", null); // the first filename parameter counts: an empty one
        kept.put("photo\u202Egnp.exe", "photognp.exe");
        kept.put("tab\tand\u0007bell.png", "tabandbell.png");
        kept.put("con.png", "con.png");
        kept.put("y".repeat(300) + ".png", "y".repeat(200));
        kept.put("ünïcödé 🐈 猫.png", "ünïcödé 🐈 猫.png");
        List<Case> cases = new ArrayList<>();
        kept.forEach((given, expected) -> {
            byte[] png = HostileImages.sample(Format.PNG, random);
            cases.add(new Case(
                    "file names",
                    "valid image named " + printable(given),
                    requests -> requests.multipart(PATH, new Multipart().file("image", given, png)),
                    Outcome.ACCEPTED,
                    Set.of(),
                    item -> {
                        JsonNode name = item.path("originalFilename");
                        if (expected == null) {
                            assertThat(name.isNull())
                                    .as("no file name: %s", name)
                                    .isTrue();
                        } else {
                            assertThat(name.asString()).isEqualTo(expected);
                        }
                    }));
        });
        byte[] invalidUtf8 = {'c', 'a', 't', (byte) 0xc3, (byte) 0x28, (byte) 0xff, '.', 'p', 'n', 'g'};
        byte[] png = HostileImages.sample(Format.PNG, random);
        cases.add(new Case(
                "file names",
                "valid image with a name in invalid UTF-8",
                requests -> requests.multipart(PATH, new Multipart().file("image", invalidUtf8, "image/png", png)),
                Outcome.ACCEPTED,
                Set.of(),
                item -> assertThat(item.path("originalFilename").asString())
                        .startsWith("cat")
                        .endsWith(".png")));
        byte[] named = HostileImages.sample(Format.PNG, random);
        cases.add(refused(
                "file names",
                "valid image with a NUL in its name",
                requests -> requests.multipart(PATH, new Multipart().file("image", "zoo\u0000.png", named)),
                Set.of("validation-failed")));
        byte[] longNamed = HostileImages.sample(Format.PNG, random);
        cases.add(refused(
                "file names",
                "valid image with a name of 5000 characters (part headers are limited)",
                requests ->
                        requests.multipart(PATH, new Multipart().file("image", "x".repeat(5000) + ".png", longNamed)),
                Set.of("image-too-large", "validation-failed")));
        for (String given :
                List.of("../../etc/passwd", "..\\..\\boot.ini", "<script>.png", "/dev/zero", "photo\u202Egnp.exe")) {
            byte[] text = ascii("root:x:0:0:root:/root:/bin/bash\n");
            cases.add(refused(
                    "file names",
                    "text named " + printable(given),
                    requests -> requests.multipart(PATH, new Multipart().file("image", given, text)),
                    Set.of("unsupported-image")));
        }
        byte[] garbage = HostileImages.randomBytes(random, 300);
        cases.add(refused(
                "file names",
                "random bytes with a name in invalid UTF-8",
                requests -> requests.multipart(PATH, new Multipart().file("image", invalidUtf8, "image/png", garbage)),
                Set.of("unsupported-image")));
        return cases;
    }

    /** The form itself: sizes, counts, structure, content types and the text fields. */
    List<Case> multipartForms() {
        Random random = random("multipart forms");
        List<Case> cases = new ArrayList<>();
        byte[] png = HostileImages.sample(Format.PNG, random);
        byte[] overByOne = concat(HostileImages.magic(Format.PNG), new byte[MAX_BYTES + 1 - 8]);
        form(
                cases,
                "image one byte over the limit",
                requests -> requests.multipart(PATH, new Multipart().file("image", "big.png", overByOne)),
                "image-too-large");
        byte[] farOver = new byte[12 * 1024 * 1024];
        form(
                cases,
                "image of 12 MiB (six times the limit)",
                requests -> requests.multipart(PATH, new Multipart().file("image", "huge.png", farOver)),
                "image-too-large");
        form(
                cases,
                "empty image",
                requests -> requests.multipart(PATH, new Multipart().file("image", "empty.png", new byte[0])),
                "empty-image");
        form(
                cases,
                "no image part",
                requests -> requests.multipart(PATH, new Multipart().field("model", "coco-centernet")),
                "validation-failed");
        form(
                cases,
                "the image in a part named file",
                requests -> requests.multipart(PATH, new Multipart().file("file", "cat.png", png)),
                "validation-failed");
        form(
                cases,
                "the image as a text field",
                requests -> requests.multipart(PATH, new Multipart().field("image", png)),
                "validation-failed");
        byte[] hugeField = ascii("m".repeat(1024 * 1024));
        form(
                cases,
                "model field of 1 MiB",
                requests -> requests.multipart(
                        PATH, new Multipart().field("model", hugeField).file("image", "cat.png", png)),
                "validation-failed",
                "image-too-large");
        form(
                cases,
                "model with path characters",
                requests -> requests.multipart(
                        PATH, new Multipart().field("model", "../../etc/passwd").file("image", "cat.png", png)),
                "validation-failed");
        form(
                cases,
                "model in invalid UTF-8",
                requests -> requests.multipart(
                        PATH,
                        new Multipart()
                                .field("model", new byte[] {(byte) 0xc3, 0x28, (byte) 0xfe})
                                .file("image", "cat.png", png)),
                "validation-failed");
        form(
                cases,
                "unknown model",
                requests -> requests.multipart(
                        PATH, new Multipart().field("model", "no-such-model").file("image", "cat.png", png)),
                "model-not-found");
        form(
                cases,
                "albumId with a Mongo operator",
                requests -> requests.multipart(
                        PATH, new Multipart().field("albumId", "{\"$ne\":null}").file("image", "cat.png", png)),
                "validation-failed");
        form(
                cases,
                "albumId of 10 KiB",
                requests -> requests.multipart(
                        PATH,
                        new Multipart().field("albumId", "a".repeat(10_240)).file("image", "cat.png", png)),
                "validation-failed");
        form(
                cases,
                "unknown albumId",
                requests -> requests.multipart(
                        PATH,
                        new Multipart()
                                .field("albumId", "6745a0000000000000000000")
                                .file("image", "cat.png", png)),
                "validation-failed");
        Multipart manyParts = new Multipart();
        for (int i = 0; i < 5000; i++) {
            manyParts.field("f" + i, "x");
        }
        manyParts.file("image", "cat.png", png);
        form(
                cases,
                "5000 parts",
                requests -> requests.multipart(PATH, manyParts),
                "image-too-large",
                "validation-failed");
        byte[] longHeader = concat(
                ascii("Content-Disposition: form-data; name=\"image\"; filename=\"cat.png\"\r\nX-Padding: "),
                ascii("p".repeat(64 * 1024)));
        form(
                cases,
                "part header of 64 KiB",
                requests -> requests.multipart(PATH, new Multipart().part(longHeader, png)),
                "image-too-large",
                "validation-failed");
        form(
                cases,
                "no closing boundary",
                requests -> requests.send(
                        "POST",
                        PATH,
                        "multipart/form-data; boundary=b",
                        new Multipart("b")
                                .file("image", "cat.png", HostileImages.truncated(png, 10))
                                .unclosed()),
                "validation-failed");
        form(
                cases,
                "body not matching the boundary",
                requests -> requests.send(
                        "POST",
                        PATH,
                        "multipart/form-data; boundary=other",
                        new Multipart("b").file("image", "cat.png", png).bytes()),
                "validation-failed");
        form(
                cases,
                "multipart without a boundary",
                requests -> requests.send(
                        "POST",
                        PATH,
                        "multipart/form-data",
                        new Multipart().file("image", "cat.png", png).bytes()),
                "validation-failed");
        form(
                cases,
                "multipart type, JSON body",
                requests -> requests.send(
                        "POST", PATH, "multipart/form-data; boundary=b", ascii("{\"image\":\"iVBORw0KGgo=\"}")),
                "validation-failed");
        form(
                cases,
                "JSON instead of a form or an image",
                requests -> requests.json("POST", PATH, "{\"image\":\"iVBORw0KGgo=\"}"),
                "unsupported-media-type");
        // An image as the whole body is the other way to upload (RawBodyUploadIT); without a content type the body is
        // taken as application/octet-stream, so also an image, whose type is sniffed from its bytes either way.
        for (String type : new String[] {"image/png", null}) {
            cases.add(new Case(
                    "multipart forms",
                    "image bytes as the body, content type " + type,
                    requests -> requests.send("POST", PATH, type, png),
                    Outcome.ACCEPTED,
                    Set.of(),
                    item -> assertThat(item.path("image").path("contentType").asString())
                            .isEqualTo("image/png")));
        }
        form(
                cases,
                "form-encoded",
                requests -> requests.send(
                        "POST", PATH, "application/x-www-form-urlencoded", ascii("image=" + "A".repeat(1000))),
                "unsupported-media-type");
        form(
                cases,
                "random bytes as a form",
                requests -> requests.send(
                        "POST", PATH, "multipart/form-data; boundary=b", HostileImages.randomBytes(random, 2048)),
                "validation-failed");
        form(
                cases,
                "boundary of 5000 characters",
                requests -> requests.multipart(
                        PATH,
                        new Multipart("b".repeat(5000)).file("image", "cat.png", HostileImages.truncated(png, 20))),
                "validation-failed",
                "corrupt-image");
        return cases;
    }

    private static void form(
            List<Case> cases, String name, Function<HostileRequests, Browser.Response> send, String... slugs) {
        cases.add(refused("multipart forms", name, send, Set.of(slugs)));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> {
            if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return text.length() > 60 ? out + "…(" + text.length() + " chars)" : out.toString();
    }
}
