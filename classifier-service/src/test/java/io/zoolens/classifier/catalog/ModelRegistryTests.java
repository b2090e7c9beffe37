package io.zoolens.classifier.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.model.ModelMetadata;
import io.zoolens.model.ModelMetadataValidator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelRegistryTests {

    @Test
    void numericVersionsSortByValueAndNamedOnesAfterThem() {
        List<String> versions = new ArrayList<>(List.of("10", "2", "beta", "1", "alpha"));
        versions.sort(ModelRegistry.VERSION_ORDER);
        assertThat(versions).containsExactly("1", "2", "10", "alpha", "beta");
    }

    @Test
    void anUnknownModelIsNotReadyBeforeTheFirstScanAndNotFoundAfterIt() {
        ModelRegistry registry = new ModelRegistry(new ModelProperties(
                Path.of("models"), "coco-centernet", 1, Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertThatThrownBy(() -> registry.resolve("coco-centernet", null)).isInstanceOf(ModelNotReadyException.class);
        registry.publish(Map.of());
        assertThatThrownBy(() -> registry.resolve("coco-centernet", null)).isInstanceOf(ModelNotFoundException.class);
    }

    @Test
    void aMetadataFileMissingWhatTheTaskNeedsIsRefusedWithEveryProblem() {
        ModelMetadata incomplete = new ModelMetadata(
                "m",
                "1",
                ModelMetadata.Task.DETECTION,
                null,
                new ModelMetadata.Input(null, 0, 10, null, null, null, List.of(1f, 2f), List.of(0f)),
                null,
                null,
                null,
                null);
        assertThat(ModelMetadataValidator.problems(incomplete))
                .containsExactlyInAnyOrder(
                        "input.tensor (the signature input key) is missing",
                        "input.width and input.height must be positive",
                        "input.mean must have 1 or 3 values",
                        "input.std must not contain 0",
                        "outputs.detections is needed for a detection model",
                        "labels (the labels file) is needed for a detection model");
    }
}
