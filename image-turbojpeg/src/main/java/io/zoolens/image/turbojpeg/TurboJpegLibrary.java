package io.zoolens.image.turbojpeg;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

/**
 * The system's TurboJPEG library (Debian {@code libturbojpeg0}, API 2.x) opened through {@code java.lang.foreign}:
 * its functions as method handles, and its error messages. Fails at construction when the library or a symbol is
 * missing or native access is denied.
 */
final class TurboJpegLibrary {

    /** Library names tried in order: Debian's runtime package, then the platform's plain name. */
    private static final String[] LIBRARIES = {"libturbojpeg.so.0", System.mapLibraryName("turbojpeg")};

    // turbojpeg.h: pixel formats whose bytes read as one native-order int 0x··RRGGBB
    private static final int TJPF_BGRX = 3;
    private static final int TJPF_XRGB = 5;

    static final ValueLayout POINTER = ValueLayout.ADDRESS;
    static final ValueLayout C_INT = ValueLayout.JAVA_INT;
    /** unsigned long: 64 bits on LP64 Linux and macOS. */
    static final ValueLayout C_LONG = ValueLayout.JAVA_LONG;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup library = open();
    private final MethodHandle destroy = function("tjDestroy", FunctionDescriptor.of(C_INT, POINTER));
    private final MethodHandle errorString = function("tjGetErrorStr2", FunctionDescriptor.of(POINTER, POINTER));

    /** The TurboJPEG pixel format of {@code TYPE_INT_RGB} pixels as they lie in memory on this platform. */
    final int intRgbPixelFormat = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB;

    private static SymbolLookup open() {
        IllegalArgumentException failure = null;
        for (String name : LIBRARIES) {
            try {
                // The global arena: loaded once for the life of the process, like any system library.
                return SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException e) {
                failure = e;
            }
        }
        throw new IllegalStateException(
                "libturbojpeg not found (Debian/Ubuntu: apt-get install libturbojpeg0)", failure);
    }

    MethodHandle function(String symbol, FunctionDescriptor descriptor) {
        MemorySegment address = library.find(symbol)
                .orElseThrow(() -> new IllegalStateException("libturbojpeg has no " + symbol + " (API 2.x needed)"));
        return linker.downcallHandle(address, descriptor);
    }

    /** One call's work on a fresh TurboJPEG handle, with a confined arena for its native memory. */
    @FunctionalInterface
    interface Work<T> {
        T run(Arena arena, MemorySegment handle) throws Throwable;
    }

    /**
     * Runs the work on a handle from {@code init} ({@code tjInitCompress} or {@code tjInitDecompress}) and frees the
     * handle and the arena afterwards: one handle per call, so any thread may call. Native failures come out as
     * IOExceptions.
     */
    <T> T withHandle(MethodHandle init, Work<T> work) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) init.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new IOException("TurboJPEG could not make a handle");
            }
            try {
                return work.run(arena, handle);
            } finally {
                int ignored = (int) destroy.invokeExact(handle);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("TurboJPEG call failed", e);
        }
    }

    /** The handle's last error as an IOException naming the stage that failed. */
    IOException failure(MemorySegment handle, String stage) throws Throwable {
        MemorySegment message = (MemorySegment) errorString.invokeExact(handle);
        String text = message.equals(MemorySegment.NULL)
                ? "unknown error"
                : message.reinterpret(512).getString(0);
        return new IOException("TurboJPEG (" + stage + "): " + text);
    }
}
