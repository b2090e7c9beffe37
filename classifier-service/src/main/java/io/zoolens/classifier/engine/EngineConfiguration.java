package io.zoolens.classifier.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts DJL's TensorFlow engine offline and picks the device every model runs on. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    static final String ENGINE_NAME = "TensorFlow";
    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean
    Engine tensorFlowEngine(EngineProperties properties) {
        Path cacheDir = properties.nativeCacheDir() != null
                ? properties.nativeCacheDir()
                : Path.of(System.getProperty("user.home"), ".cache", "zoolens", "tensorflow");
        Path libraries = new TensorFlowNativeLibraries(cacheDir, getClass().getClassLoader()).prepare();
        Engine engine = Engine.getEngine(ENGINE_NAME);
        log.info("DJL {} engine {} started with native libraries from {}", ENGINE_NAME, engine.getVersion(), libraries);
        return engine;
    }

    @Bean
    Device inferenceDevice(Engine engine, EngineProperties properties) {
        boolean gpuVisible = engine.hasCapability(StandardCapabilities.CUDA);
        Device device = switch (properties.device()) {
            case CPU -> Device.cpu();
            case AUTO -> gpuVisible ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (!gpuVisible) {
                    throw new IllegalStateException(
                            "ZOOLENS_DEVICE=gpu but TensorFlow sees no GPU (needs an NVIDIA driver and CUDA 11)");
                }
                yield Device.gpu();
            }
        };
        log.info("Inference device: {} (requested {}, GPU visible: {})", device, properties.device(), gpuVisible);
        return device;
    }

    @Bean
    InfoContributor engineInfo(Engine engine, Device device, EngineProperties properties) {
        return builder -> builder.withDetail(
                "engine",
                Map.of(
                        "name", engine.getEngineName(),
                        "version", engine.getVersion(),
                        "djl", Engine.getDjlVersion(),
                        "device", device.toString(),
                        "requestedDevice", properties.device().name().toLowerCase()));
    }
}
