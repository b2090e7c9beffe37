package io.zoolens.model;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Turns an upright RGB image into a model's input tensor exactly as its metadata says: size,
 * resize mode, layout and value mapping. Nothing here is specific to one model.
 */
public final class Preprocessor {

    private final ModelMetadata.Input spec;
    private final float[] multiply = new float[3];
    private final float[] add = new float[3];

    public Preprocessor(ModelMetadata.Input spec) {
        this.spec = spec;
        float min = valueAt(spec.valueRange(), 0, 0f);
        float max = valueAt(spec.valueRange(), 1, 255f);
        for (int c = 0; c < 3; c++) {
            float mean = valueAt(spec.mean(), c, 0f);
            float std = valueAt(spec.std(), c, 1f);
            // ((v / 255) * (max - min) + min - mean) / std, folded into v * multiply + add
            multiply[c] = (max - min) / 255f / std;
            add[c] = (min - mean) / std;
        }
    }

    public ModelInput prepare(BufferedImage rgb, int topK, float minScore) {
        return prepare(rgb, rgb.getWidth(), rgb.getHeight(), topK, minScore);
    }

    /**
     * Like {@link #prepare(BufferedImage, int, float)} for an image decoded at a reduced scale: {@code rgb} shows
     * the whole original of {@code originalWidth × originalHeight} pixels with fewer pixels. It is drawn exactly
     * where the original would be, and the geometry (so every box) is in the original's coordinates.
     */
    public ModelInput prepare(BufferedImage rgb, int originalWidth, int originalHeight, int topK, float minScore) {
        int width = spec.width();
        int height = spec.height();
        InputGeometry geometry = place(originalWidth, originalHeight);
        int drawnWidth = (int) Math.round(originalWidth * geometry.scaleX());
        int drawnHeight = (int) Math.round(originalHeight * geometry.scaleY());
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            BufferedImage source =
                    halveTowards(rgb, (double) drawnWidth / rgb.getWidth(), (double) drawnHeight / rgb.getHeight());
            g.drawImage(
                    source,
                    (int) Math.round(geometry.offsetX()),
                    (int) Math.round(geometry.offsetY()),
                    drawnWidth,
                    drawnHeight,
                    null);
        } finally {
            g.dispose();
        }
        // The canvas is INT_RGB: read its pixels in place rather than converting each through getRGB.
        int[] pixels = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        FloatBuffer tensor = FloatBuffer.allocate(pixels.length * 3);
        if (spec.layout() == ModelMetadata.Layout.NCHW) {
            for (int c = 0; c < 3; c++) {
                int shift = 16 - 8 * c;
                for (int pixel : pixels) {
                    tensor.put(((pixel >> shift) & 0xFF) * multiply[c] + add[c]);
                }
            }
        } else {
            for (int pixel : pixels) {
                tensor.put(((pixel >> 16) & 0xFF) * multiply[0] + add[0]);
                tensor.put(((pixel >> 8) & 0xFF) * multiply[1] + add[1]);
                tensor.put((pixel & 0xFF) * multiply[2] + add[2]);
            }
        }
        tensor.flip();
        long[] shape = spec.layout() == ModelMetadata.Layout.NCHW
                ? new long[] {1, 3, height, width}
                : new long[] {1, height, width, 3};
        return new ModelInput(tensor, shape, geometry, topK, minScore);
    }

    InputGeometry place(int originalWidth, int originalHeight) {
        int width = spec.width();
        int height = spec.height();
        double sx = (double) width / originalWidth;
        double sy = (double) height / originalHeight;
        ModelMetadata.Resize resize = spec.resize() == null ? ModelMetadata.Resize.STRETCH : spec.resize();
        return switch (resize) {
            case STRETCH -> new InputGeometry(originalWidth, originalHeight, width, height, sx, sy, 0, 0);
            case LETTERBOX, CENTER_CROP -> {
                double s = resize == ModelMetadata.Resize.LETTERBOX ? Math.min(sx, sy) : Math.max(sx, sy);
                yield new InputGeometry(
                        originalWidth,
                        originalHeight,
                        width,
                        height,
                        s,
                        s,
                        (width - originalWidth * s) / 2,
                        (height - originalHeight * s) / 2);
            }
        };
    }

    /**
     * Bilinear drawing of a large reduction skips most source pixels and aliases; halving first
     * keeps every step within a factor of two.
     */
    private static BufferedImage halveTowards(BufferedImage image, double scaleX, double scaleY) {
        BufferedImage current = image;
        double remainingX = scaleX;
        double remainingY = scaleY;
        while (remainingX < 0.5 && remainingY < 0.5) {
            int w = Math.max(1, current.getWidth() / 2);
            int h = Math.max(1, current.getHeight() / 2);
            BufferedImage half = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = half.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            remainingX *= (double) current.getWidth() / w;
            remainingY *= (double) current.getHeight() / h;
            current = half;
        }
        return current;
    }

    private static float valueAt(List<Float> values, int index, float fallback) {
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        return values.size() == 1 ? values.get(0) : values.get(index);
    }
}
