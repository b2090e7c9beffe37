package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * JPEG thumbnails of decoded images, and JPEGs of them at their own size. Scaling is Thumbnailator's (progressive
 * bilinear); it never enlarges. {@code TYPE_INT_RGB} images are encoded by a {@link NativeJpegEncoder}
 * (libjpeg-turbo, several times faster than ImageIO's writer) when one is on the class path, otherwise, and after
 * any failure of it, by ImageIO. Stateless, so one instance serves all threads.
 */
public final class Thumbnails {

    private final NativeJpegEncoder nativeJpeg;

    /** With the first {@link NativeJpegEncoder} the {@link java.util.ServiceLoader} finds and can start, if any. */
    public Thumbnails() {
        this(NativeCodecs.find(NativeJpegEncoder.class));
    }

    /** With this native encoder, or with ImageIO alone when empty (tests and benchmarks compare the two). */
    public Thumbnails(Optional<NativeJpegEncoder> nativeJpeg) {
        this.nativeJpeg = nativeJpeg.orElse(null);
    }

    /** The native JPEG encoder in use, if any. */
    public Optional<NativeJpegEncoder> nativeJpeg() {
        return Optional.ofNullable(nativeJpeg);
    }

    /**
     * A baseline JPEG of {@code rgb} scaled down, keeping its aspect ratio, so that its longer edge is at
     * most {@code maxEdge} pixels; an image already that small keeps its size.
     *
     * @param quality JPEG quality, above 0 and at most 1 (0.8 is a good thumbnail quality)
     */
    public byte[] jpegThumbnail(BufferedImage rgb, int maxEdge, float quality) {
        Objects.requireNonNull(rgb, "rgb");
        if (maxEdge < 1) {
            throw new IllegalArgumentException("maxEdge must be at least 1, was " + maxEdge);
        }
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
        }
        return writeJpeg(scaledDown(rgb, maxEdge), quality);
    }

    private static BufferedImage scaledDown(BufferedImage image, int maxEdge) {
        int width = image.getWidth();
        int height = image.getHeight();
        int longer = Math.max(width, height);
        if (longer <= maxEdge && image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        double scale = Math.min(1.0, (double) maxEdge / longer);
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));
        return scaled(image, targetWidth, targetHeight);
    }

    /**
     * {@code image} resized to exactly width × height as RGB by Thumbnailator's progressive bilinear (halving steps,
     * then one bilinear step): every source pixel contributes, so a large reduction does not alias.
     */
    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        try {
            return net.coobird.thumbnailator.Thumbnails.of(image)
                    .forceSize(width, height)
                    .imageType(BufferedImage.TYPE_INT_RGB)
                    .asBufferedImage();
        } catch (IOException e) {
            // Only in-memory images are involved, so this does not happen.
            throw new UncheckedIOException(e);
        }
    }

    /** A baseline JPEG of {@code image} at its own size (quality as for {@link #jpegThumbnail}). */
    public byte[] jpeg(BufferedImage image, float quality) {
        Objects.requireNonNull(image, "image");
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
        }
        return writeJpeg(image, quality);
    }

    private byte[] writeJpeg(BufferedImage image, float quality) {
        if (nativeJpeg != null && image.getType() == BufferedImage.TYPE_INT_RGB) {
            try {
                // ImageIO's quality q is libjpeg's 100 q: the same quantisation tables.
                return nativeJpeg.encode(image, Math.max(1, Math.round(quality * 100)));
            } catch (IOException | RuntimeException e) {
                // Written by ImageIO below.
            }
        }
        return writeWithImageIo(image, quality);
    }

    private static byte[] writeWithImageIo(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType(ImageFormat.JPEG.mediaType());
        if (!writers.hasNext()) {
            throw new IllegalStateException("No ImageIO writer for image/jpeg on the class path");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
