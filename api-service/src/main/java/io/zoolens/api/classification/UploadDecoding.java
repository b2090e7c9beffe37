package io.zoolens.api.classification;

import io.zoolens.image.DecodeTarget;
import io.zoolens.image.DecodedImage;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.Thumbnails;
import io.zoolens.web.UploadProperties;
import java.awt.image.BufferedImage;
import org.springframework.stereotype.Component;

/**
 * The api's one decode of an image. From it come the thumbnail, the image the classifier is sent ({@link
 * ModelInput}: the original bytes up to {@code zoolens.upload.model-image-edge}, a downscaled upright JPEG of at most
 * that edge above)
 * and the original's upright size. The full-size pixels never leave this class, so they are garbage before the
 * classifier is called; what is kept is a few hundred kilobytes.
 */
@Component
class UploadDecoding {

    /** Twice the default model's input (512 px): the classifier's own resize still has pixels to average. */
    static final int MIN_MODEL_EDGE = 1024;

    /** High enough that the model sees no block artefacts; a 12 MP photo becomes about 200 kB. */
    static final float MODEL_IMAGE_QUALITY = 0.92f;

    private static final float THUMBNAIL_QUALITY = 0.8f;

    private final ImageDecoder decoder;
    private final Thumbnails thumbnails;
    private final int thumbnailEdge;
    private final int modelEdge;

    UploadDecoding(ImageDecoder decoder, Thumbnails thumbnails, UploadProperties upload) {
        if (upload.modelImageEdge() < MIN_MODEL_EDGE) {
            throw new IllegalArgumentException("zoolens.upload.model-image-edge must be at least " + MIN_MODEL_EDGE
                    + " (twice the model input), was " + upload.modelImageEdge());
        }
        this.decoder = decoder;
        this.thumbnails = thumbnails;
        this.thumbnailEdge = upload.thumbnailEdge();
        this.modelEdge = upload.modelImageEdge();
    }

    /**
     * An upload checked and reduced to what the api keeps of its pixels; an {@link
     * io.zoolens.image.ImageRejectedException} for anything that is not an acceptable image.
     */
    ValidatedImage validate(byte[] bytes) {
        DecodedImage decoded = decode(bytes);
        Reduced reduced = reduce(bytes, decoded);
        return new ValidatedImage(
                bytes,
                ValidatedImage.sha256(bytes),
                decoded.info().mediaType(),
                decoded.info().width(),
                decoded.info().height(),
                thumbnails.jpegThumbnail(reduced.pixels(), thumbnailEdge, THUMBNAIL_QUALITY),
                reduced.input());
    }

    /** The classifier's image of a stored original, made as at upload (the PENDING worker's way). */
    ModelInput modelInput(byte[] original) {
        return reduce(original, decode(original)).input();
    }

    /**
     * The one decode, at the scale the model image needs: a large JPEG is read straight at 1/2, 1/4 or 1/8 scale,
     * keeping at least {@link DecodeTarget#MARGIN} times half the model edge (the model input the edge is twice of),
     * while {@code info()} reports the original's upright size, which is all the code below relies on. A 12 MP
     * photo is read as 1008 × 756: a quarter of the pixels a 1/2-scale read for the full edge would allocate.
     */
    private DecodedImage decode(byte[] bytes) {
        return decoder.decode(bytes, DecodeTarget.fit(modelEdge / 2, modelEdge / 2));
    }

    /**
     * The original bytes when the upright image fits the model edge, else an upright JPEG of at most that edge: the
     * reduced decode itself when it fits, otherwise the decode scaled to exactly the edge.
     */
    private Reduced reduce(byte[] bytes, DecodedImage decoded) {
        int width = decoded.info().width();
        int height = decoded.info().height();
        if (Math.max(width, height) <= modelEdge) {
            // Sent unchanged: no re-encoding loss, and the classifier applies the EXIF orientation itself.
            return new Reduced(decoded.rgb(), ModelInput.original(bytes, width, height));
        }
        BufferedImage pixels = decoded.rgb();
        BufferedImage model;
        if (Math.max(pixels.getWidth(), pixels.getHeight()) <= modelEdge) {
            // Read at reduced scale to between 7/8 of the edge and the edge: the DCT scaling was the downscale.
            model = pixels;
        } else {
            double scale = (double) modelEdge / Math.max(width, height);
            // The size comes from the original's, so it is exact whatever scale the decoder read the pixels at.
            model = Thumbnails.scaled(pixels, Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int)
                    Math.round(height * scale)));
        }
        byte[] jpeg = thumbnails.jpeg(model, MODEL_IMAGE_QUALITY);
        return new Reduced(model, new ModelInput(jpeg, model.getWidth(), model.getHeight(), width, height));
    }

    /** The model-sized pixels (for the thumbnail) and what the classifier is sent. */
    private record Reduced(BufferedImage pixels, ModelInput input) {}
}
