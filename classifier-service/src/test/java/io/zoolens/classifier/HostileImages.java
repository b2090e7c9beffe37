package io.zoolens.classifier;

import java.awt.Color;
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
 * Hostile image bytes for {@code HostileClassifyIT}, from a seeded {@link Random}: a smaller set of the generators
 * the api-service's fuzz suite uses (its {@code support/HostileImages}), since both services decode through
 * image-support.
 */
public final class HostileImages {

    /** The accepted formats, WebP once per bitstream. */
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

    public static byte[] sample(Format format, Random random) {
        Color colour = new Color(random.nextInt(0x1000000));
        return switch (format) {
            case PNG -> TestImages.solid(colour, 40, 30, "png");
            case JPEG -> TestImages.solid(colour, 40, 30, "jpeg");
            case GIF -> TestImages.solid(colour, 40, 30, "gif");
            case BMP -> TestImages.encode(bgr(colour), "bmp");
            case WEBP_LOSSLESS -> WEBP_LOSSLESS.clone();
            case WEBP_LOSSY -> WEBP_LOSSY.clone();
        };
    }

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

    public static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    public static byte[] png(Object... typesAndData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        for (int i = 0; i < typesAndData.length; i += 2) {
            byte[] type = ascii((String) typesAndData[i]);
            byte[] data = (byte[]) typesAndData[i + 1];
            CRC32 crc = new CRC32();
            crc.update(type);
            crc.update(data);
            out.writeBytes(ByteBuffer.allocate(12 + data.length)
                    .putInt(data.length)
                    .put(type)
                    .put(data)
                    .putInt((int) crc.getValue())
                    .array());
        }
        return out.toByteArray();
    }

    public static byte[] ihdr(int width, int height) {
        return ByteBuffer.allocate(13)
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .array();
    }

    /** A zlib stream inflating to a gibibyte of zeros (about 1 MiB), made once. */
    public static byte[] zlibGibibyteOfZeros() {
        return GibibyteOfZeros.ZLIB.clone();
    }

    public static byte[] jpegDeclaring(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        for (int i = 2; i < copy.length - 9; i++) {
            if ((copy[i] & 0xff) == 0xff && (copy[i + 1] & 0xff) == 0xc0) {
                copy[i + 5] = (byte) (height >> 8);
                copy[i + 6] = (byte) height;
                copy[i + 7] = (byte) (width >> 8);
                copy[i + 8] = (byte) width;
                return copy;
            }
        }
        throw new IllegalArgumentException("no SOF0 segment");
    }

    /** The GIF with its logical screen and its first image both declaring another size. */
    public static byte[] gifDeclaring(byte[] gif, int width, int height) {
        byte[] copy = gif.clone();
        ByteBuffer header = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(6, (short) width).putShort(8, (short) height);
        int at = 13 + ((copy[10] & 0x80) != 0 ? 3 * (1 << ((copy[10] & 0x07) + 1)) : 0);
        while (at < copy.length && (copy[at] & 0xff) == 0x21) { // extensions: skip their sub-blocks
            at += 2;
            while (copy[at] != 0) {
                at += 1 + (copy[at] & 0xff);
            }
            at++;
        }
        if ((copy[at] & 0xff) != 0x2c) {
            throw new IllegalArgumentException("no GIF image descriptor");
        }
        header.putShort(at + 5, (short) width).putShort(at + 7, (short) height);
        return copy;
    }

    public static byte[] bmpDeclaring(byte[] bmp, int width, int height) {
        byte[] copy = bmp.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(18, width).putInt(22, height);
        return copy;
    }

    /** An extended WebP whose canvas is {@code width × height} around the small lossless image. */
    public static byte[] webpCanvas(int width, int height) {
        byte[] vp8x = ByteBuffer.allocate(18)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("VP8X"))
                .putInt(10)
                .putInt(0)
                .put(new byte[] {(byte) (width - 1), (byte) ((width - 1) >> 8), (byte) ((width - 1) >> 16)})
                .put(new byte[] {(byte) (height - 1), (byte) ((height - 1) >> 8), (byte) ((height - 1) >> 16)})
                .array();
        byte[] chunks = concat(vp8x, Arrays.copyOfRange(WEBP_LOSSLESS, 12, WEBP_LOSSLESS.length));
        return ByteBuffer.allocate(12 + chunks.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF"))
                .putInt(4 + chunks.length)
                .put(ascii("WEBP"))
                .put(chunks)
                .array();
    }

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

    private static BufferedImage bgr(Color colour) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        var g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        return image;
    }

    private static final class GibibyteOfZeros {
        static final byte[] ZLIB = deflateZeros(1L << 30);

        private static byte[] deflateZeros(long rawBytes) {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            byte[] zeros = new byte[1 << 20];
            byte[] buffer = new byte[1 << 16];
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (long left = rawBytes; left > 0; left -= zeros.length) {
                deflater.setInput(zeros, 0, (int) Math.min(zeros.length, left));
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
    }
}
