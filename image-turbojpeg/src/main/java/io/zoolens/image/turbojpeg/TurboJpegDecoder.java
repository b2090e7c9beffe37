package io.zoolens.image.turbojpeg;

import io.zoolens.image.NativeJpegDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
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
 * libjpeg-turbo's TurboJPEG C API (Debian {@code libturbojpeg0}, API 2.x), called through {@code java.lang.foreign}.
 * It decodes straight to 1/2, 1/4 or 1/8 scale in the DCT domain: a 12 MP photo at 1/4 costs a fraction of a
 * full decode, and the full-size raster never exists. One TurboJPEG handle per call, so any thread may call.
 *
 * <p>Constructed by the {@link java.util.ServiceLoader}; the constructor fails when the library or a symbol is
 * missing (or native access is denied), and image-support then uses ImageIO alone.
 */
public final class TurboJpegDecoder implements NativeJpegDecoder {

    /** Library names tried in order: Debian's runtime package, then the platform's plain name. */
    private static final String[] LIBRARIES = {"libturbojpeg.so.0", System.mapLibraryName("turbojpeg")};

    // turbojpeg.h: pixel formats whose bytes read as one native-order int 0x··RRGGBB
    private static final int TJPF_BGRX = 3;
    private static final int TJPF_XRGB = 5;
    /** Stop at the first warning (truncated data, for one): the caller then lets ImageIO judge the file. */
    private static final int TJFLAG_STOPONWARNING = 8192;

    private static final int RGB_MASK = 0xFFFFFF;

    private final MethodHandle initDecompress;
    private final MethodHandle decompressHeader3;
    private final MethodHandle decompress2;
    private final MethodHandle destroy;
    private final MethodHandle errorString;
    private final int pixelFormat;

    public TurboJpegDecoder() {
        Linker linker = Linker.nativeLinker();
        SymbolLookup library = open();
        ValueLayout pointer = ValueLayout.ADDRESS;
        ValueLayout cInt = ValueLayout.JAVA_INT;
        ValueLayout cLong = ValueLayout.JAVA_LONG; // unsigned long: 64 bits on LP64 Linux and macOS
        initDecompress = linker.downcallHandle(find(library, "tjInitDecompress"), FunctionDescriptor.of(pointer));
        decompressHeader3 = linker.downcallHandle(
                find(library, "tjDecompressHeader3"),
                FunctionDescriptor.of(cInt, pointer, pointer, cLong, pointer, pointer, pointer, pointer));
        decompress2 = linker.downcallHandle(
                find(library, "tjDecompress2"),
                FunctionDescriptor.of(cInt, pointer, pointer, cLong, pointer, cInt, cInt, cInt, cInt, cInt));
        destroy = linker.downcallHandle(find(library, "tjDestroy"), FunctionDescriptor.of(cInt, pointer));
        errorString = linker.downcallHandle(find(library, "tjGetErrorStr2"), FunctionDescriptor.of(pointer, pointer));
        pixelFormat = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? TJPF_BGRX : TJPF_XRGB;
    }

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

    private static MemorySegment find(SymbolLookup library, String symbol) {
        return library.find(symbol)
                .orElseThrow(() -> new IllegalStateException("libturbojpeg has no " + symbol + " (API 2.x needed)"));
    }

    @Override
    public String name() {
        return "libjpeg-turbo (TurboJPEG via FFM)";
    }

    @Override
    public BufferedImage decode(byte[] jpeg, int denominator, int width, int height) throws IOException {
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("denominator must be 1, 2, 4 or 8, was " + denominator);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment handle = (MemorySegment) initDecompress.invokeExact();
            if (handle.equals(MemorySegment.NULL)) {
                throw new IOException("tjInitDecompress failed");
            }
            try {
                return decode(arena, handle, jpeg, denominator, width, height);
            } finally {
                int ignored = (int) destroy.invokeExact(handle);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("TurboJPEG call failed", e);
        }
    }

    private BufferedImage decode(Arena arena, MemorySegment handle, byte[] jpeg, int n, int width, int height)
            throws Throwable {
        MemorySegment source = arena.allocate(jpeg.length);
        MemorySegment.copy(jpeg, 0, source, ValueLayout.JAVA_BYTE, 0, jpeg.length);
        MemorySegment header = arena.allocate(ValueLayout.JAVA_INT, 4); // width, height, subsampling, colourspace
        int status = (int) decompressHeader3.invokeExact(
                handle, source, (long) jpeg.length, header, header.asSlice(4), header.asSlice(8), header.asSlice(12));
        if (status != 0) {
            throw failure(handle, "header");
        }
        int headerWidth = header.getAtIndex(ValueLayout.JAVA_INT, 0);
        int headerHeight = header.getAtIndex(ValueLayout.JAVA_INT, 1);
        if (headerWidth != width || headerHeight != height) {
            // The limits were checked on ImageIO's reading of the header; decode nothing it did not see.
            throw new IOException(
                    "libjpeg reads " + headerWidth + "x" + headerHeight + ", ImageIO " + width + "x" + height);
        }
        int outWidth = (width + n - 1) / n;
        int outHeight = (height + n - 1) / n;
        MemorySegment pixels = arena.allocate(ValueLayout.JAVA_INT, (long) outWidth * outHeight);
        // TurboJPEG picks the largest scaling factor whose result fits width × height: exactly 1/n here.
        status = (int) decompress2.invokeExact(
                handle,
                source,
                (long) jpeg.length,
                pixels,
                outWidth,
                outWidth * 4,
                outHeight,
                pixelFormat,
                TJFLAG_STOPONWARNING);
        if (status != 0) {
            throw failure(handle, "pixels");
        }
        BufferedImage image = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        MemorySegment.copy(pixels, ValueLayout.JAVA_INT, 0, data, 0, data.length);
        for (int i = 0; i < data.length; i++) {
            data[i] &= RGB_MASK; // the X byte is 0xFF; TYPE_INT_RGB pixels keep it 0 elsewhere in the code
        }
        return image;
    }

    private IOException failure(MemorySegment handle, String stage) throws Throwable {
        MemorySegment message = (MemorySegment) errorString.invokeExact(handle);
        String text = message.equals(MemorySegment.NULL)
                ? "unknown error"
                : message.reinterpret(512).getString(0);
        return new IOException("TurboJPEG (" + stage + "): " + text);
    }
}
