package io.zoolens.api.classification;

import static io.zoolens.image.testing.HostileImages.ascii;
import static io.zoolens.image.testing.HostileImages.concat;

import io.zoolens.api.support.Browser;
import io.zoolens.api.support.HostileRequests;
import io.zoolens.api.support.HostileRequests.Multipart;
import io.zoolens.image.testing.HostileImages;
import io.zoolens.image.testing.HostileImages.Format;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import tools.jackson.databind.JsonNode;

/**
 * The hostile images of {@link HostileUploadIT} (its hostile forms are in {@link HostileFormCases}), category by
 * category, all derived from one seed so a failing case can be replayed. Limits they aim at: the test profile's
 * 2 MiB and 4 megapixels.
 */
final class HostileUploadCases {

    static final String PATH = "/api/classifications";
    static final int MAX_BYTES = 2 * 1024 * 1024;

    static final Set<String> IMAGE_REFUSALS = Set.of("unsupported-image", "corrupt-image", "too-many-pixels");
    static final Set<String> BROKEN = Set.of("unsupported-image", "corrupt-image");

    enum Outcome {
        REFUSED,
        ACCEPTED,
        /** Mutated images: refused, or accepted when the damage left a decodable image. */
        EITHER
    }

    /**
     * One hostile upload and what must come of it.
     *
     * @param knownIssue when set, the case is not sent but reported as skipped with this reason: a known defect
     *     whose fix lies outside the api-service (see docs/security.md, "Known gaps")
     */
    record Case(
            String category,
            String name,
            Function<HostileRequests, Browser.Response> send,
            Outcome outcome,
            Set<String> slugs,
            Consumer<JsonNode> onAccepted,
            String knownIssue) {

        Case(
                String category,
                String name,
                Function<HostileRequests, Browser.Response> send,
                Outcome outcome,
                Set<String> slugs,
                Consumer<JsonNode> onAccepted) {
            this(category, name, send, outcome, slugs, onAccepted, null);
        }

        Case knownIssue(String issue) {
            return new Case(category, name, send, outcome, slugs, onAccepted, issue);
        }

        /** Decodable despite the damage: refused or accepted, never an error. */
        Case tolerated(String why) {
            return new Case(category, name + " (" + why + ")", send, Outcome.EITHER, slugs, onAccepted, knownIssue);
        }

        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    /**
     * Lossless WebP files that made TwelveMonkeys' VP8L decoder read far past the end of its data, one exception
     * per bit: seconds to minutes of CPU for 64 bytes (found by this suite's mutations; image-support's
     * ReaderSession now stops such a decode at once).
     */
    static final List<String> VP8L_PAST_END_SAMPLES = List.of(
            "UklGRjgAAABXRUJQVlA4TCwA8gAvH8AFAB8gEEjeHzqNfxcQFPwf3fxHZMaAINtmkpOc5AUOENH/qFL9BdgtXw==",
            "UklGRjgAAABXRUJQVlA4TCwAAAAvHzkFAB+UEEjeHzpl+RcQFPwf3fxHog+AINtmkpOc5AWkENH/qKv9Bdi2Xw==",
            "UklGRjgAAABXRUJQVlA4TCwAAAAvH60FAEYgEEjeHzpd+RcQFPwfFvxHZA+AINtmdZOc5AVAENH/qFL9Bdi2Xw==");

    private final long seed;

    HostileUploadCases(long seed) {
        this.seed = seed;
    }

    /** Each category draws from its own generator, so adding a case to one leaves the others as they were. */
    private Random random(String category) {
        return new Random(seed * 31 + category.hashCode());
    }

    // ---- bytes that are no image, or a broken one ------------------------------------------------------------

    List<Case> randomBytes(int count) {
        Random random = random("random bytes");
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = switch (i % 3) {
                case 0 -> 1 + random.nextInt(16);
                case 1 -> 17 + random.nextInt(500);
                default -> 517 + random.nextInt(64 * 1024);
            };
            byte[] bytes = HostileImages.randomBytes(random, length);
            cases.add(refused("random bytes", length + " bytes #" + i, upload(bytes, "random.png"), IMAGE_REFUSALS));
        }
        return cases;
    }

    List<Case> magicThenGarbage(int perFormat) {
        Random random = random("magic then garbage");
        List<Case> cases = new ArrayList<>();
        for (Format format : Format.values()) {
            for (int i = 0; i < perFormat; i++) {
                int garbage = 1 + random.nextInt(i % 2 == 0 ? 64 : 4096);
                byte[] bytes = HostileImages.magicThenGarbage(format, random, garbage);
                cases.add(refused(
                        "magic then garbage",
                        format + " + " + garbage + " random bytes",
                        upload(bytes, "garbage.bin"),
                        IMAGE_REFUSALS));
            }
        }
        return cases;
    }

    List<Case> truncated(int perFormat) {
        Random random = random("truncated");
        List<Case> cases = new ArrayList<>();
        for (Format format : Format.values()) {
            byte[] whole = HostileImages.sample(format, random);
            for (int i = 0; i < perFormat; i++) {
                // Mostly within the pixel data, a few within the headers.
                int keep = i < 2
                        ? 1 + random.nextInt(Math.min(40, whole.length - 1))
                        : 1 + random.nextInt(whole.length - 1);
                Case cut = refused(
                        "truncated",
                        format + " cut at " + keep + " of " + whole.length + " bytes",
                        upload(HostileImages.truncated(whole, keep), "cut." + extension(format)),
                        BROKEN);
                cases.add(keep >= whole.length - trailer(format) ? cut.tolerated("only the trailer is cut") : cut);
            }
        }
        return cases;
    }

    /** Bytes after the last pixel data: losing them loses no pixel (PNG: IDAT's CRC and IEND; JPEG: EOI). */
    private static int trailer(Format format) {
        return switch (format) {
            case PNG -> 4 + 12;
            case JPEG, GIF -> 2;
            default -> 0;
        };
    }

    List<Case> mutated(int perFormat) {
        Random random = random("mutated");
        List<Case> cases = new ArrayList<>();
        for (Format format : Format.values()) {
            for (int i = 0; i < perFormat; i++) {
                byte[] whole = HostileImages.sample(format, random);
                int count = 1 + random.nextInt(8);
                byte[] bytes = HostileImages.mutated(whole, random, count, 4);
                Case mutated = new Case(
                        "mutated",
                        format + " with " + count + " bytes changed #" + i,
                        upload(bytes, "mutated." + extension(format)),
                        Outcome.EITHER,
                        IMAGE_REFUSALS,
                        item -> {});
                cases.add(mutated);
            }
        }
        return cases;
    }

    /** Header fields out of range or in the wrong order, one per case, for every format. */
    List<Case> malformedHeaders() {
        Random random = random("malformed header");
        List<Case> cases = new ArrayList<>();
        byte[] idat = HostileImages.zlibZeros(41 * 30);
        byte[] end = new byte[0];
        malformed(
                cases,
                "PNG width 0",
                HostileImages.png("IHDR", HostileImages.ihdr(0, 30, 8, 0, 0), "IDAT", idat, "IEND", end));
        malformed(
                cases,
                "PNG negative width",
                HostileImages.png("IHDR", HostileImages.ihdr(-40, 30, 8, 0, 0), "IDAT", idat, "IEND", end));
        malformed(
                cases,
                "PNG bit depth 3",
                HostileImages.png("IHDR", HostileImages.ihdr(40, 30, 3, 0, 0), "IDAT", idat, "IEND", end));
        malformed(
                cases,
                "PNG colour type 5",
                HostileImages.png("IHDR", HostileImages.ihdr(40, 30, 8, 5, 0), "IDAT", idat, "IEND", end));
        malformed(
                cases,
                "PNG interlace 7",
                HostileImages.png("IHDR", HostileImages.ihdr(40, 30, 8, 0, 7), "IDAT", idat, "IEND", end));
        malformed(cases, "PNG without IHDR", HostileImages.png("IDAT", idat, "IEND", end));
        malformed(cases, "PNG IEND only", HostileImages.png("IEND", end));
        malformed(
                cases, "PNG without IDAT", HostileImages.png("IHDR", HostileImages.ihdr(40, 30, 8, 0, 0), "IEND", end));
        malformed(
                cases,
                "PNG IDAT not zlib",
                HostileImages.png(
                        "IHDR",
                        HostileImages.ihdr(40, 30, 8, 0, 0),
                        "IDAT",
                        HostileImages.randomBytes(random, 200),
                        "IEND",
                        end));
        malformed(
                cases,
                "PNG IDAT too short",
                HostileImages.png(
                        "IHDR",
                        HostileImages.ihdr(40, 30, 8, 0, 0),
                        "IDAT",
                        HostileImages.zlibZeros(100),
                        "IEND",
                        end));
        malformed(
                cases,
                "PNG palette image without palette",
                HostileImages.png("IHDR", HostileImages.ihdr(40, 30, 8, 3, 0), "IDAT", idat, "IEND", end));
        byte[] badCrc = HostileImages.greyPng(40, 30);
        badCrc[8 + 8 + 13] ^= 0x55; // IHDR's CRC
        tolerated(cases, "PNG IHDR with a wrong CRC", badCrc, "the JDK's PNG reader does not check CRCs");
        byte[] hugeChunk = HostileImages.greyPng(40, 30);
        hugeChunk[8 + 12 + 13 + 4 + 0] = (byte) 0x7f; // IDAT's length: 2 GB
        malformed(cases, "PNG chunk declaring 2 GB", hugeChunk);

        byte[] jpeg = HostileImages.sample(Format.JPEG, random);
        malformed(cases, "JPEG SOI and EOI only", new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9});
        malformed(cases, "JPEG width 0", HostileImages.jpegDeclaring(jpeg, 0, 30));
        malformed(cases, "JPEG height 0", HostileImages.jpegDeclaring(jpeg, 40, 0));
        malformed(cases, "JPEG without SOF", withoutJpegSegment(jpeg, 0xc0));
        tolerated(
                cases,
                "JPEG without Huffman tables",
                withoutJpegSegment(
                        withoutJpegSegment(withoutJpegSegment(withoutJpegSegment(jpeg, 0xc4), 0xc4), 0xc4), 0xc4),
                "the standard tables of Motion JPEG stand in");
        malformed(cases, "JPEG without quantisation tables", withoutJpegSegment(withoutJpegSegment(jpeg, 0xdb), 0xdb));
        byte[] sofComponents = jpeg.clone();
        sofComponents[HostileImages.jpegSegment(sofComponents, 0xc0) + 9] = 0; // no components
        malformed(cases, "JPEG SOF with no components", sofComponents);
        byte[] segmentLength = jpeg.clone();
        int dqt = HostileImages.jpegSegment(segmentLength, 0xdb);
        segmentLength[dqt + 2] = (byte) 0xff; // a DQT running past the end
        segmentLength[dqt + 3] = (byte) 0xff;
        malformed(cases, "JPEG segment length past the end", segmentLength);

        byte[] gif = HostileImages.sample(Format.GIF, random);
        malformed(cases, "GIF 0×0", HostileImages.gifDeclaring(gif, 0, 0));
        malformed(cases, "GIF header and trailer only", concat(Arrays.copyOf(gif, 13), new byte[] {0x3b}));
        byte[] lzw = gif.clone();
        lzw[HostileImages.gifImageDescriptor(lzw) + 10] = 12; // LZW minimum code size over 11
        malformed(cases, "GIF LZW code size 12", lzw);
        byte[] lzwZero = gif.clone();
        lzwZero[HostileImages.gifImageDescriptor(lzwZero) + 10] = 0;
        malformed(cases, "GIF LZW code size 0", lzwZero);

        byte[] bmp = HostileImages.sample(Format.BMP, random);
        malformed(cases, "BMP 7 bits per pixel", HostileImages.bmpDeclaring(bmp, 40, 30, 7));
        malformed(cases, "BMP width 0", HostileImages.bmpDeclaring(bmp, 0, 30, 24));
        malformed(cases, "BMP height 0", HostileImages.bmpDeclaring(bmp, 40, 0, 24));
        malformed(cases, "BMP info header size 1000", HostileImages.bmpPatched(bmp, 14, 1000));
        malformed(cases, "BMP pixel offset past the end", HostileImages.bmpPatched(bmp, 10, 1 << 30));
        malformed(cases, "BMP compression 9", HostileImages.bmpPatched(bmp, 30, 9));
        malformed(
                cases,
                "BMP 256 colours, no palette",
                HostileImages.bmpPatched(HostileImages.bmpDeclaring(bmp, 40, 30, 8), 46, 100_000));

        byte[] webp = HostileImages.sample(Format.WEBP_LOSSY, random);
        tolerated(
                cases,
                "WebP RIFF length 0",
                HostileImages.webpWithRiffLength(webp, 0),
                "a short RIFF length is not checked");
        malformed(cases, "WebP RIFF length 2 GB", HostileImages.webpWithRiffLength(webp, Integer.MAX_VALUE));
        byte[] vp8 = webp.clone();
        vp8[23] = 0; // VP8 start code
        tolerated(cases, "WebP VP8 without start code", vp8, "the start code is not checked");
        byte[] vp8l = HostileImages.sample(Format.WEBP_LOSSLESS, random);
        vp8l[20] = 0; // VP8L signature
        malformed(cases, "WebP VP8L without signature", vp8l);
        malformed(
                cases,
                "WebP VP8X without an image",
                HostileImages.riff(Arrays.copyOf(HostileImages.webpExtendedCanvas(32, 24), 30)));
        malformed(cases, "WebP unknown chunk only", HostileImages.riff(concat(ascii("ZZZZ"), new byte[] {
            4, 0, 0, 0, 1, 2, 3, 4
        })));
        return cases;
    }

    // ---- bombs -----------------------------------------------------------------------------------------------

    /** Decompression bombs and huge declared dimensions: refused from the header, or bounded when decoded. */
    List<Case> bombs() {
        Random random = random("bombs and huge dimensions");
        List<Case> cases = new ArrayList<>();
        bomb(cases, "PNG 100000×100000", HostileImages.pngDeclaring(100_000, 100_000), "too-many-pixels");
        bomb(cases, "PNG 2147483647×1", HostileImages.pngDeclaring(Integer.MAX_VALUE, 1), "too-many-pixels");
        bomb(cases, "PNG 1×2147483647", HostileImages.pngDeclaring(1, Integer.MAX_VALUE), "too-many-pixels");
        bomb(
                cases,
                "PNG 65536×65536, 1 GiB of zeros in 1 MiB of IDAT",
                HostileImages.png(
                        "IHDR",
                        HostileImages.ihdr(65_536, 65_536, 8, 0, 0),
                        "IDAT",
                        HostileImages.zlibGibibyteOfZeros(),
                        "IEND",
                        new byte[0]),
                "too-many-pixels");
        bomb(
                cases,
                "PNG 2000×2000 16-bit RGBA (just under the limit), IDAT cut short",
                HostileImages.png(
                        "IHDR",
                        HostileImages.ihdr(2000, 2000, 16, 6, 0),
                        "IDAT",
                        HostileImages.zlibZeros(1 << 20),
                        "IEND",
                        new byte[0]),
                "corrupt-image");
        bomb(
                cases,
                "PNG 2001×2000 Adam7 (just over the limit)",
                HostileImages.png(
                        "IHDR",
                        HostileImages.ihdr(2001, 2000, 8, 0, 1),
                        "IDAT",
                        HostileImages.zlibZeros(1024),
                        "IEND",
                        new byte[0]),
                "too-many-pixels");
        bomb(
                cases,
                "PNG 1 GiB zTXt bomb before a missing IDAT",
                HostileImages.png(
                        "IHDR",
                        HostileImages.ihdr(40, 30, 8, 0, 0),
                        "zTXt",
                        HostileImages.zTxtBomb(),
                        "IEND",
                        new byte[0]),
                "corrupt-image");
        byte[] jpeg = HostileImages.sample(Format.JPEG, random);
        bomb(cases, "JPEG 65535×65535", HostileImages.jpegDeclaring(jpeg, 65_535, 65_535), "too-many-pixels");
        bomb(
                cases,
                "JPEG 65500×61 (under the limit), scan data for 40×30",
                HostileImages.jpegDeclaring(jpeg, 65_500, 61),
                "corrupt-image");
        bomb(
                cases,
                "JPEG with 1 MiB of APP segments",
                jpegWithManySegments(jpeg, 1 << 20),
                "corrupt-image",
                "unsupported-image");
        byte[] gif = HostileImages.sample(Format.GIF, random);
        bomb(cases, "GIF 65535×65535", HostileImages.gifDeclaring(gif, 65_535, 65_535), "too-many-pixels");
        cases.add(refused(
                        "bombs and huge dimensions",
                        "GIF 2000×2000 (at the limit) from 40×30 of LZW data",
                        upload(HostileImages.gifDeclaring(gif, 2000, 2000), "bomb.gif"),
                        Set.of("corrupt-image"))
                .tolerated("known gap: the JDK's GIF reader fills missing LZW data silently"));
        byte[] bmp = HostileImages.sample(Format.BMP, random);
        bomb(
                cases,
                "BMP 100000×100000",
                HostileImages.bmpDeclaring(bmp, 100_000, 100_000, 24),
                "too-many-pixels",
                "corrupt-image");
        bomb(
                cases,
                "BMP 2147483647×1",
                HostileImages.bmpDeclaring(bmp, Integer.MAX_VALUE, 1, 24),
                "too-many-pixels",
                "corrupt-image");
        bomb(
                cases,
                "BMP top-down 100000×-100000",
                HostileImages.bmpDeclaring(bmp, 100_000, -100_000, 24),
                "too-many-pixels",
                "corrupt-image");
        bomb(
                cases,
                "BMP 2000×2000 (at the limit) from 40×30 of pixels",
                HostileImages.bmpDeclaring(bmp, 2000, 2000, 24),
                "corrupt-image");
        bomb(
                cases,
                "WebP lossless 16384×16384",
                HostileImages.webpLosslessDeclaring(16_384, 16_384),
                "too-many-pixels");
        bomb(cases, "WebP lossy 16383×16383", HostileImages.webpLossyDeclaring(16_383, 16_383), "too-many-pixels");
        bomb(
                cases,
                "WebP extended canvas 16777216×16777216",
                HostileImages.webpExtendedCanvas(1 << 24, 1 << 24),
                "too-many-pixels");
        bomb(
                cases,
                "WebP lossy 2000×2000 (at the limit) from 32×24 of data",
                HostileImages.webpLossyDeclaring(2000, 2000),
                "corrupt-image");
        for (int i = 0; i < VP8L_PAST_END_SAMPLES.size(); i++) {
            byte[] bytes = java.util.Base64.getDecoder().decode(VP8L_PAST_END_SAMPLES.get(i));
            cases.add(refused(
                    "bombs and huge dimensions",
                    "WebP lossless reading past its end #" + i,
                    upload(bytes, "cpu.webp"),
                    Set.of("corrupt-image")));
        }
        return cases;
    }

    // ---- polyglots -------------------------------------------------------------------------------------------

    /** Files that are also something else: refused unless they are wholly a valid image first. */
    List<Case> polyglots() {
        Random random = random("polyglots");
        List<Case> cases = new ArrayList<>();
        byte[] png = HostileImages.sample(Format.PNG, random);
        String script = "<script>alert(document.cookie)</script>";
        polyglot(
                cases,
                "HTML page with a PNG inside",
                concat(ascii("<!doctype html><html><body>" + script), png),
                "unsupported-image");
        polyglot(
                cases,
                "SVG with a script",
                ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">" + script + "</svg>"),
                "unsupported-image");
        polyglot(
                cases,
                "XML with an external entity",
                ascii("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"),
                "unsupported-image");
        polyglot(
                cases,
                "PDF with a JPEG inside",
                concat(
                        ascii("%PDF-1.7\n1 0 obj\n<< /Type /XObject /Subtype /Image >>\nstream\n"),
                        HostileImages.sample(Format.JPEG, random)),
                "unsupported-image");
        polyglot(cases, "ZIP holding a PNG", zip("photo.png", png), "unsupported-image");
        polyglot(cases, "shell script", ascii("#!/bin/sh\nrm -rf / --no-preserve-root\n"), "unsupported-image");
        polyglot(cases, "PHP", ascii("<?php system($_GET['c']); ?>"), "unsupported-image");
        polyglot(
                cases,
                "JPEG magic then HTML",
                concat(HostileImages.magic(Format.JPEG), ascii(script)),
                "corrupt-image");
        polyglot(
                cases,
                "GIF magic then JavaScript",
                ascii("GIF89a=1;alert(document.domain)//"),
                "corrupt-image",
                "too-many-pixels");
        polyglot(cases, "TIFF (a real image format, not accepted)", tiff(), "unsupported-image");
        return cases;
    }

    /**
     * Valid images carrying something else: a script after the image end, an archive, a comment with markup, a
     * compressed metadata bomb, a false declared type. They are images, so they are accepted, and served back
     * only as images.
     */
    List<Case> validButHostile() {
        Random random = random("valid images carrying hostile content");
        List<Case> cases = new ArrayList<>();
        byte[] html = ascii("<html><body><script>alert(document.cookie)</script></body></html>");
        accepted(
                cases,
                "PNG followed by an HTML page",
                upload(concat(HostileImages.sample(Format.PNG, random), html), "page.png"));
        accepted(
                cases,
                "GIF followed by a ZIP (GIFAR)",
                upload(
                        concat(HostileImages.sample(Format.GIF, random), zip("Evil.class", ascii("cafebabe"))),
                        "gifar.gif"));
        accepted(
                cases,
                "JPEG with a script in its comment",
                upload(
                        HostileImages.jpegWithSegment(HostileImages.sample(Format.JPEG, random), 0xfe, html),
                        "comment.jpg"));
        accepted(
                cases,
                "PNG with PHP in a text chunk",
                upload(
                        HostileImages.pngWithChunk(
                                HostileImages.sample(Format.PNG, random),
                                "tEXt",
                                ascii("Comment\0<?php system($_GET['c']); ?>")),
                        "php.png"));
        accepted(
                cases,
                "PNG with a 1 GiB zTXt bomb",
                upload(
                        HostileImages.pngWithChunk(
                                HostileImages.sample(Format.PNG, random), "zTXt", HostileImages.zTxtBomb()),
                        "ztxt.png"));
        accepted(
                cases,
                "PNG with a 1 GiB iCCP bomb",
                upload(
                        HostileImages.pngWithChunk(
                                HostileImages.sample(Format.PNG, random), "iCCP", HostileImages.iccpBomb()),
                        "iccp.png"));
        byte[] png = HostileImages.sample(Format.PNG, random);
        accepted(
                cases,
                "PNG declared as text/html",
                requests ->
                        requests.multipart(PATH, new Multipart().file("image", ascii("page.html"), "text/html", png)));
        return cases;
    }

    // ---- builders --------------------------------------------------------------------------------------------

    static Function<HostileRequests, Browser.Response> upload(byte[] image, String filename) {
        return requests -> requests.multipart(PATH, new Multipart().file("image", filename, image));
    }

    static Case refused(
            String category, String name, Function<HostileRequests, Browser.Response> send, Set<String> slugs) {
        return new Case(category, name, send, Outcome.REFUSED, slugs, item -> {});
    }

    private static void malformed(List<Case> cases, String name, byte[] bytes) {
        cases.add(refused("malformed header", name, upload(bytes, "malformed.img"), IMAGE_REFUSALS));
    }

    /** Damage the decoder does not notice, because the pixels are all there: refused or accepted alike. */
    private static void tolerated(List<Case> cases, String name, byte[] bytes, String why) {
        cases.add(refused("malformed header", name, upload(bytes, "malformed.img"), IMAGE_REFUSALS)
                .tolerated(why));
    }

    private static void bomb(List<Case> cases, String name, byte[] bytes, String... slugs) {
        cases.add(refused("bombs and huge dimensions", name, upload(bytes, "bomb.img"), Set.of(slugs)));
    }

    private static void polyglot(List<Case> cases, String name, byte[] bytes, String... slugs) {
        cases.add(refused("polyglots", name, upload(bytes, "polyglot.png"), Set.of(slugs)));
    }

    private static void accepted(List<Case> cases, String name, Function<HostileRequests, Browser.Response> send) {
        cases.add(
                new Case("valid images carrying hostile content", name, send, Outcome.ACCEPTED, Set.of(), item -> {}));
    }

    private static String extension(Format format) {
        return switch (format) {
            case PNG -> "png";
            case JPEG -> "jpg";
            case GIF -> "gif";
            case BMP -> "bmp";
            case WEBP_LOSSLESS, WEBP_LOSSY -> "webp";
        };
    }

    private static byte[] withoutJpegSegment(byte[] jpeg, int marker) {
        int at = HostileImages.jpegSegment(jpeg, marker);
        int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
        return concat(Arrays.copyOf(jpeg, at), Arrays.copyOfRange(jpeg, at + 2 + length, jpeg.length));
    }

    /** A JPEG with application segments (max 64 KiB each) adding up to {@code bytes}, then its header cut off. */
    private static byte[] jpegWithManySegments(byte[] jpeg, int bytes) {
        byte[] result = Arrays.copyOf(jpeg, 2);
        for (int added = 0; added < bytes; added += 65_000) {
            result = concat(result, HostileImages.jpegSegmentBytes(0xe1, new byte[65_000 - 2]));
        }
        return concat(result, new byte[] {(byte) 0xff, (byte) 0xd9});
    }

    private static byte[] zip(String name, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A minimal little-endian TIFF header with one IFD entry. */
    private static byte[] tiff() {
        return new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0, 1, 3, 0, 1, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, 0};
    }
}
