package io.zoolens.classifier.engine;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param device where inference runs: {@code auto} takes a GPU when TensorFlow sees one
 * @param nativeCacheDir where the TensorFlow native libraries are extracted once
 */
@ConfigurationProperties("zoolens.engine")
public record EngineProperties(@DefaultValue("auto") DeviceChoice device, Path nativeCacheDir) {

    public enum DeviceChoice {
        AUTO,
        CPU,
        GPU
    }
}
