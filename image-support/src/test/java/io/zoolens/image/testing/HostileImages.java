package io.zoolens.image.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Hostile image bytes for the fuzz suites of both services and image-support, all made here from a seeded {@link
 * Random}: a valid sample of every accepted format, and ways to break one (truncation, mutation, patched header
 * fields), decompression bombs, huge declared dimensions and polyglots. Nothing here reads a file. Shared through
 * image-support's test-jar.
 */
public final class HostileImages {

    /** The accepted formats; WebP twice, since its lossless and lossy bitstreams are decoded differently. */
    public enum Format {
        PNG,
        JPEG,
        GIF,
        BMP,
        WEBP_LOSSLESS,
        WEBP_LOSSY
    }

    // 32×24 WebP files made with libwebp (image-support/src/test/make-test-webp.sh): ImageIO cannot write WebP.
    private static final byte[] WEBP_LOSSLESS = Base64.getDecoder()
            .decode("UklGRjgAAABXRUJQVlA4TCwAAAAvH8AFAB8gEEjeHzqN+RcQFPwf3fxHZA+AINtmkpOc5AUOENH/qFL9Bdi2Xw==");
    private static final byte[] WEBP_LOSSY = Base64.getDecoder()
            .decode("UklGRvoAAABXRUJQVlA4IO4AAABwBwCdASogABgAPhUIg0EhBv0ABABRLQAXZmaHM/M/wA/QD+wb4D9ALUB/APwAwwCzZv5X"
                    + "7on6q/0AErOrNZiQLhMDkAD+/vY168+qU+ux5o/TJ+jUlK4H2Nk3/v8T8vGRnKNP5AXTf//OnbKS7XGZw57z+Yv/Tm5a5ekt"
                    + "M3//oQHTERHcDcSSHgH2WVsSp5O95A+fK5Ls23maa79Xv/5hSOCicKMCFCFMf6+M8q1ZYeu7ulxb2//Hrfyd/UwnjqeZ/vhN"
                    + "Nn+1DB8Vx3nJ1/ffkjR4JbVB7cOO/xjqplkYkI+DEhC84bhFA9EwgAAA");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private HostileImages() {}

    // ---- valid samples ---------------------------------------------------------------------------------------

    /** A small valid image of the format; the drawn formats differ with every call (a random colour). */
    public static byte[] sample(Format format, Random random) {
        return switch (format) {
            case PNG -> encode(drawn(40, 30, random), "png");
            case JPEG -> encode(drawn(40, 30, random), "jpg");
            case GIF -> encode(drawn(40, 30, random), "gif");
            case BMP -> encode(drawn(40, 30, random), "bmp");
            case WEBP_LOSSLESS -> WEBP_LOSSLESS.clone();
            case WEBP_LOSSY -> WEBP_LOSSY.clone();
        };
    }

    /** The leading bytes by which the format is recognised. */
    public static byte[] magic(Format format) {
        return switch (format) {
            case PNG -> PNG_SIGNATURE.clone();
            case JPEG -> new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
            case GIF -> ascii("GIF89a");
            case BMP -> ascii("BM");
            case WEBP_LOSSLESS -> Arrays.copyOf(WEBP_LOSSLESS, 16);
            case WEBP_LOSSY -> Arrays.copyOf(WEBP_LOSSY, 16);
        };
    }

    // ---- breaking a valid image ------------------------------------------------------------------------------

    public static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The format's magic bytes followed by random bytes. */
    public static byte[] magicThenGarbage(Format format, Random random, int garbage) {
        return concat(magic(format), randomBytes(random, garbage));
    }

    /** The first {@code keep} bytes. */
    public static byte[] truncated(byte[] bytes, int keep) {
        return Arrays.copyOf(bytes, keep);
    }

    /** A copy with {@code count} random bytes replaced, none in the first {@code spare} bytes. */
    public static byte[] mutated(byte[] bytes, Random random, int count, int spare) {
        byte[] copy = bytes.clone();
        for (int i = 0; i < count; i++) {
            int at = spare + random.nextInt(copy.length - spare);
            copy[at] = (byte) random.nextInt(256);
        }
        return copy;
    }

    // ---- PNG ---------------------------------------------------------------------------------------------------

    /** IHDR fields as written; any of them may be out of range. */
    public static byte[] ihdr(int width, int height, int bitDepth, int colourType, int interlace) {
        return ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) bitDepth)
                .put((byte) colourType)
                .put((byte) 0) // compression
                .put((byte) 0) // filter
                .put((byte) interlace)
                .array();
    }

    /** An 8-bit greyscale IHDR. */
    public static byte[] ihdr(int width, int height) {
        return ihdr(width, height, 8, 0, 0);
    }

    /** A PNG signature followed by the chunks, each {@code [type, data]} with a correct CRC. */
    public static byte[] png(Object... typesAndData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        for (int i = 0; i < typesAndData.length; i += 2) {
            out.writeBytes(pngChunk((String) typesAndData[i], (byte[]) typesAndData[i + 1]));
        }
        return out.toByteArray();
    }

    public static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = ascii(type);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** An 8-bit greyscale PNG of the given size whose pixel data (all black) is really there. */
    public static byte[] greyPng(int width, int height) {
        return png(
                "IHDR",
                ihdr(width, height, 8, 0, 0),
                "IDAT",
                zlibZeros((long) (width + 1) * height),
                "IEND",
                new byte[0]);
    }

    /** A PNG declaring {@code width × height} with a small, valid IDAT: its header alone decides. */
    public static byte[] pngDeclaring(int width, int height) {
        return png("IHDR", ihdr(width, height, 8, 2, 0), "IDAT", zlibZeros(1024), "IEND", new byte[0]);
    }

    /**
     * A zlib stream that inflates to {@code rawBytes} zero bytes; deflate's best ratio is about 1:1000, so a
     * gigabyte of zeros travels in about a megabyte.
     */
    public static byte[] zlibZeros(long rawBytes) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1 << 20];
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long left = rawBytes;
        while (left > 0) {
            int chunk = (int) Math.min(zeros.length, left);
            deflater.setInput(zeros, 0, chunk);
            left -= chunk;
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** {@link #zlibZeros(long)} of one GiB (about 1 MiB), made once: deflating a gigabyte takes seconds. */
    public static byte[] zlibGibibyteOfZeros() {
        return GibibyteOfZeros.ZLIB.clone();
    }

    /** A compressed text chunk (zTXt) whose text inflates to a gibibyte. */
    public static byte[] zTxtBomb() {
        return concat(ascii("Comment"), new byte[] {0, 0}, GibibyteOfZeros.ZLIB);
    }

    /** A compressed ICC profile chunk (iCCP) that inflates to a gibibyte. */
    public static byte[] iccpBomb() {
        return concat(ascii("icc"), new byte[] {0, 0}, GibibyteOfZeros.ZLIB);
    }

    private static final class GibibyteOfZeros {
        static final byte[] ZLIB = zlibZeros(1L << 30);
    }

    /** A valid small PNG with a chunk inserted right after IHDR (metadata the decoder must not inflate). */
    public static byte[] pngWithChunk(byte[] validPng, String type, byte[] data) {
        int afterIhdr = PNG_SIGNATURE.length + 12 + 13;
        return splice(validPng, afterIhdr, pngChunk(type, data));
    }

    // ---- JPEG --------------------------------------------------------------------------------------------------

    /** A copy of the JPEG whose SOF segment declares another size; the scan data stays as it was. */
    public static byte[] jpegDeclaring(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int sof = jpegSegment(copy, 0xc0);
        copy[sof + 5] = (byte) (height >> 8);
        copy[sof + 6] = (byte) height;
        copy[sof + 7] = (byte) (width >> 8);
        copy[sof + 8] = (byte) width;
        return copy;
    }

    /** The offset of the first segment with this marker (0xffXX). */
    public static int jpegSegment(byte[] jpeg, int marker) {
        int at = 2;
        while (at + 4 <= jpeg.length && (jpeg[at] & 0xff) == 0xff) {
            int type = jpeg[at + 1] & 0xff;
            if (type == marker) {
                return at;
            }
            int length = ((jpeg[at + 2] & 0xff) << 8) | (jpeg[at + 3] & 0xff);
            at += 2 + length;
        }
        throw new IllegalArgumentException("no JPEG segment 0xff" + Integer.toHexString(marker));
    }

    /** A JPEG segment {@code 0xff marker, length, payload}. */
    public static byte[] jpegSegmentBytes(int marker, byte[] payload) {
        int length = payload.length + 2;
        return concat(new byte[] {(byte) 0xff, (byte) marker, (byte) (length >> 8), (byte) length}, payload);
    }

    /** The JPEG with a segment inserted right after SOI. */
    public static byte[] jpegWithSegment(byte[] jpeg, int marker, byte[] payload) {
        return splice(jpeg, 2, jpegSegmentBytes(marker, payload));
    }

    // ---- GIF ---------------------------------------------------------------------------------------------------

    /** A copy of the GIF whose logical screen and first image both declare another size. */
    public static byte[] gifDeclaring(byte[] gif, int width, int height) {
        byte[] copy = gif.clone();
        putLe16(copy, 6, width);
        putLe16(copy, 8, height);
        int descriptor = gifImageDescriptor(copy);
        putLe16(copy, descriptor + 5, width);
        putLe16(copy, descriptor + 7, height);
        return copy;
    }

    /** The offset of the first image descriptor (0x2c), skipping the colour table and extensions. */
    public static int gifImageDescriptor(byte[] gif) {
        int at = 13;
        if ((gif[10] & 0x80) != 0) {
            at += 3 * (1 << ((gif[10] & 0x07) + 1));
        }
        while (at < gif.length) {
            int block = gif[at] & 0xff;
            if (block == 0x2c) {
                return at;
            }
            if (block != 0x21) {
                break;
            }
            at += 2; // introducer and label
            while (at < gif.length && gif[at] != 0) {
                at += 1 + (gif[at] & 0xff);
            }
            at++;
        }
        throw new IllegalArgumentException("no GIF image descriptor");
    }

    // ---- BMP ---------------------------------------------------------------------------------------------------

    /** A copy of the BMP whose info header says another width, height or bit count. */
    public static byte[] bmpDeclaring(byte[] bmp, int width, int height, int bitCount) {
        byte[] copy = bmp.clone();
        ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(18, width);
        header.putInt(22, height);
        header.putShort(28, (short) bitCount);
        return copy;
    }

    /** A copy of the BMP whose info header says another width and height. */
    public static byte[] bmpDeclaring(byte[] bmp, int width, int height) {
        byte[] copy = bmp.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
        return copy;
    }

    /** A copy of the BMP with one little-endian int of its headers replaced. */
    public static byte[] bmpPatched(byte[] bmp, int offset, int value) {
        byte[] copy = bmp.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return copy;
    }

    // ---- WebP --------------------------------------------------------------------------------------------------

    /** The lossless sample with its VP8L header declaring another size (1..16384 each). */
    public static byte[] webpLosslessDeclaring(int width, int height) {
        byte[] copy = WEBP_LOSSLESS.clone();
        // After the 0x2f signature: 14 bits width-1, 14 bits height-1, 1 bit alpha, 3 bits version, LSB first.
        ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        int old = header.getInt(21);
        header.putInt(21, (old & 0xf0000000) | ((height - 1) & 0x3fff) << 14 | ((width - 1) & 0x3fff));
        return copy;
    }

    /** The lossy sample with its VP8 key frame header declaring another size (1..16383 each). */
    public static byte[] webpLossyDeclaring(int width, int height) {
        byte[] copy = WEBP_LOSSY.clone();
        ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(26, (short) (width & 0x3fff));
        header.putShort(28, (short) (height & 0x3fff));
        return copy;
    }

    /** An extended WebP (VP8X) whose canvas is {@code width × height} around the small lossless image. */
    public static byte[] webpExtendedCanvas(int width, int height) {
        byte[] vp8x = ByteBuffer.allocate(18)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("VP8X"))
                .putInt(10)
                .putInt(0) // flags and reserved
                .put(le24(width - 1))
                .put(le24(height - 1))
                .array();
        byte[] image = Arrays.copyOfRange(WEBP_LOSSLESS, 12, WEBP_LOSSLESS.length);
        return riff(concat(vp8x, image));
    }

    /** A RIFF/WEBP container around the given chunks, with a correct length field. */
    public static byte[] riff(byte[] chunks) {
        return ByteBuffer.allocate(12 + chunks.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF"))
                .putInt(4 + chunks.length)
                .put(ascii("WEBP"))
                .put(chunks)
                .array();
    }

    /** A copy with the RIFF length field replaced. */
    public static byte[] webpWithRiffLength(byte[] webp, int length) {
        byte[] copy = webp.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(4, length);
        return copy;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    public static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] result = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at, result, at + insert.length, bytes.length - at);
        return result;
    }

    private static void putLe16(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >> 8);
    }

    private static byte[] le24(int value) {
        return new byte[] {(byte) value, (byte) (value >> 8), (byte) (value >> 16)};
    }

    private static BufferedImage drawn(int width, int height, Random random) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(random.nextInt(0x1000000)));
        g.fillOval(random.nextInt(width - 10), random.nextInt(height - 10), 10, 10);
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        return TestImages.encode(image, format);
    }
}
