package io.zoolens.image.turbojpeg;

import static io.zoolens.image.turbojpeg.TurboJpegLibrary.C_INT;
import static io.zoolens.image.turbojpeg.TurboJpegLibrary.C_LONG;
import static io.zoolens.image.turbojpeg.TurboJpegLibrary.POINTER;

import io.zoolens.image.NativeJpegDecoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * libjpeg-turbo's TurboJPEG C API (Debian {@code libturbojpeg0}, API 2.x), called through {@code java.lang.foreign}.
 * It decodes straight to 1/2, 1/4 or 1/8 scale in the DCT domain: a 12 MP photo at 1/4 costs a fraction of a
 * full decode, and the full-size raster never exists. One TurboJPEG handle per call, so any thread may call.
 *
 * <p>Constructed by the {@link java.util.ServiceLoader}; the constructor fails when the library or a symbol is
 * missing (or native access is denied), and image-support then uses ImageIO alone.
 */
public final class TurboJpegDecoder implements NativeJpegDecoder {

    /** Stop at the first warning (truncated data, for one): the caller then lets ImageIO judge the file. */
    private static final int TJFLAG_STOPONWARNING = 8192;

    private static final int RGB_MASK = 0xFFFFFF;

    private final TurboJpegLibrary library = new TurboJpegLibrary();
    private final MethodHandle initDecompress = library.function("tjInitDecompress", FunctionDescriptor.of(POINTER));
    private final MethodHandle decompressHeader3 = library.function(
            "tjDecompressHeader3",
            FunctionDescriptor.of(C_INT, POINTER, POINTER, C_LONG, POINTER, POINTER, POINTER, POINTER));
    private final MethodHandle decompress2 = library.function(
            "tjDecompress2",
            FunctionDescriptor.of(C_INT, POINTER, POINTER, C_LONG, POINTER, C_INT, C_INT, C_INT, C_INT, C_INT));

    @Override
    public String name() {
        return "libjpeg-turbo (TurboJPEG via FFM)";
    }

    @Override
    public BufferedImage decode(byte[] jpeg, int denominator, int width, int height) throws IOException {
        if (denominator != 1 && denominator != 2 && denominator != 4 && denominator != 8) {
            throw new IllegalArgumentException("denominator must be 1, 2, 4 or 8, was " + denominator);
        }
        return library.withHandle(
                initDecompress, (arena, handle) -> decode(arena, handle, jpeg, denominator, width, height));
    }

    private BufferedImage decode(Arena arena, MemorySegment handle, byte[] jpeg, int n, int width, int height)
            throws Throwable {
        MemorySegment source = arena.allocate(jpeg.length);
        MemorySegment.copy(jpeg, 0, source, ValueLayout.JAVA_BYTE, 0, jpeg.length);
        MemorySegment header = arena.allocate(ValueLayout.JAVA_INT, 4); // width, height, subsampling, colourspace
        int status = (int) decompressHeader3.invokeExact(
                handle, source, (long) jpeg.length, header, header.asSlice(4), header.asSlice(8), header.asSlice(12));
        if (status != 0) {
            throw library.failure(handle, "header");
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
                library.intRgbPixelFormat,
                TJFLAG_STOPONWARNING);
        if (status != 0) {
            throw library.failure(handle, "pixels");
        }
        BufferedImage image = new BufferedImage(outWidth, outHeight, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        MemorySegment.copy(pixels, ValueLayout.JAVA_INT, 0, data, 0, data.length);
        for (int i = 0; i < data.length; i++) {
            data[i] &= RGB_MASK; // the X byte is 0xFF; TYPE_INT_RGB pixels keep it 0 elsewhere in the code
        }
        return image;
    }
}
