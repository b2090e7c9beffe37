package io.zoolens.classifier.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import io.zoolens.classifier.system.StartupProblem;
import io.zoolens.model.TensorFlowNativeLibraries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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
        Path libraries;
        try {
            libraries = new TensorFlowNativeLibraries(cacheDir, getClass().getClassLoader()).prepare();
        } catch (UncheckedIOException e) {
            throw cannotExtract(cacheDir, e);
        }
        Engine engine = Engine.getEngine(ENGINE_NAME);
        log.info("DJL {} engine {} started with native libraries from {}", ENGINE_NAME, engine.getVersion(), libraries);
        return engine;
    }

    /** A full disk or an unwritable cache folder: say which folder, why, and what to set instead. */
    static StartupProblem cannotExtract(Path cacheDir, UncheckedIOException e) {
        String reason = reasonOf(e.getCause());
        return new StartupProblem(
                "Cannot extract the TensorFlow native libraries (about 1 GB) into " + cacheDir + ": " + reason + ".",
                "Free disk space there, or point ZOOLENS_NATIVE_CACHE_DIR at a writable folder with 1 GB free, or"
                        + " TENSORFLOW_LIBRARY_PATH at libraries extracted before.",
                e);
    }

    /** "No space left on device", "Read-only file system", "permission denied": what the file system said. */
    private static String reasonOf(IOException cause) {
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return cause.getMessage() != null
                ? cause.getMessage()
                : cause.getClass().getSimpleName();
    }

    @Bean
    Device inferenceDevice(Engine engine, EngineProperties properties) {
        boolean gpuVisible = engine.hasCapability(StandardCapabilities.CUDA);
        Device device = switch (properties.device()) {
            case CPU -> Device.cpu();
            case AUTO -> gpuVisible ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (!gpuVisible) {
                    throw new StartupProblem(
                            "ZOOLENS_DEVICE=gpu, but TensorFlow sees no GPU.",
                            "Install an NVIDIA driver for CUDA 12.1 and cuDNN 8.9 (docs/deploy.md, GPU), or set ZOOLENS_DEVICE to auto"
                                    + " or cpu.",
                            null);
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
