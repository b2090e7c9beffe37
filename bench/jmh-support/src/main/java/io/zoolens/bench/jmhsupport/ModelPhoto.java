package io.zoolens.bench.jmhsupport;

import io.zoolens.model.ModelMetadata;
import io.zoolens.model.Preprocessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import tools.jackson.databind.json.JsonMapper;

/**
 * A photo as a model's input tensor, prepared by model-support's {@link Preprocessor} exactly as the
 * classifier prepares it, so every engine in the comparison is fed the same tensor.
 */
public final class ModelPhoto {

    private ModelPhoto() {}

    /** The {@code zoolens-model.json} of a model version folder. */
    public static ModelMetadata metadata(Path modelDir) {
        return JsonMapper.builder()
                .build()
                .readValue(modelDir.resolve("zoolens-model.json").toFile(), ModelMetadata.class);
    }

    /** The photo upright in RGB, letterboxed and scaled as {@code spec} says; one image, no batch dimension. */
    public static float[] tensor(Path photo, ModelMetadata.Input spec) throws IOException {
        if (!Files.isRegularFile(photo)) {
            throw new IllegalStateException(photo + " is missing: run scripts/fetch-test-images.sh");
        }
        BufferedImage decoded = ImageIO.read(photo.toFile());
        BufferedImage rgb = new BufferedImage(decoded.getWidth(), decoded.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.createGraphics().drawImage(decoded, 0, 0, null);
        FloatBuffer tensor = new Preprocessor(spec).prepare(rgb, 1, 0f).tensor();
        float[] values = new float[tensor.remaining()];
        tensor.get(values);
        return values;
    }
}
