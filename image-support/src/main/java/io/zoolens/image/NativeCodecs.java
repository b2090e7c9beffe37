package io.zoolens.image;

import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds the native JPEG codecs (module image-turbojpeg) on the class path: none when they cannot start. */
final class NativeCodecs {

    private NativeCodecs() {}

    static <T> Optional<T> find(Class<T> service) {
        try {
            return ServiceLoader.load(service, NativeCodecs.class.getClassLoader())
                    .findFirst();
        } catch (ServiceConfigurationError | LinkageError e) {
            // No libturbojpeg on this machine, native access denied, or a runtime older than the provider's classes.
            return Optional.empty();
        }
    }
}
