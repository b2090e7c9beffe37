package io.zoolens.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** JPEG thumbnails of decoded images. Scaling is Thumbnailator's (progressive bilinear); it never enlarges. */
public final class Thumbnails {

    private Thumbnails() {}

    /**
     * A baseline JPEG of {@code rgb} scaled down, keeping its aspect ratio, so that its longer edge is at
     * most {@code maxEdge} pixels; an image already that small keeps its size.
     *
     * @param quality JPEG quality, above 0 and at most 1 (0.8 is a good thumbnail quality)
     */
    public static byte[] jpegThumbnail(BufferedImage rgb, int maxEdge, float quality) {
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
    public static byte[] jpeg(BufferedImage image, float quality) {
        Objects.requireNonNull(image, "image");
        if (!(quality > 0f && quality <= 1f)) {
            throw new IllegalArgumentException("quality must be in (0, 1], was " + quality);
        }
        return writeJpeg(image, quality);
    }

    private static byte[] writeJpeg(BufferedImage image, float quality) {
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
