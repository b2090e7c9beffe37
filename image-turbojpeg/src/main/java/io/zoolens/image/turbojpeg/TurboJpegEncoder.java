package io.zoolens.image.turbojpeg;

import static io.zoolens.image.turbojpeg.TurboJpegLibrary.C_INT;
import static io.zoolens.image.turbojpeg.TurboJpegLibrary.C_LONG;
import static io.zoolens.image.turbojpeg.TurboJpegLibrary.POINTER;

import io.zoolens.image.NativeJpegEncoder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * JPEG encoding with libjpeg-turbo's TurboJPEG API through {@code java.lang.foreign}: SIMD colour conversion and
 * DCT, several times faster than ImageIO's writer, whose per-row sample conversion also allocates per image.
 * Any thread may call. Constructed by the {@link java.util.ServiceLoader}; fails
 * when the library is missing, and image-support then writes with ImageIO.
 */
public final class TurboJpegEncoder implements NativeJpegEncoder {

    private static final int TJSAMP_420 = 2;
    /** Write into the buffer we allocated (tjBufSize: the worst case), so nothing needs tjFree. */
    private static final int TJFLAG_NOREALLOC = 1024;

    private final TurboJpegLibrary library = new TurboJpegLibrary();
    private final MethodHandle initCompress = library.function("tjInitCompress", FunctionDescriptor.of(POINTER));
    private final MethodHandle bufSize =
            library.function("tjBufSize", FunctionDescriptor.of(C_LONG, C_INT, C_INT, C_INT));
    private final MethodHandle compress2 = library.function(
            "tjCompress2",
            FunctionDescriptor.of(
                    C_INT, POINTER, POINTER, C_INT, C_INT, C_INT, C_INT, POINTER, POINTER, C_INT, C_INT, C_INT));

    @Override
    public String name() {
        return "libjpeg-turbo (TurboJPEG via FFM)";
    }

    @Override
    public byte[] encode(BufferedImage rgb, int quality) throws IOException {
        if (rgb.getType() != BufferedImage.TYPE_INT_RGB) {
            throw new IllegalArgumentException("TYPE_INT_RGB expected, was type " + rgb.getType());
        }
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1 to 100, was " + quality);
        }
        return library.withHandle(initCompress, (arena, handle) -> encode(arena, handle, rgb, quality));
    }

    private byte[] encode(Arena arena, MemorySegment handle, BufferedImage rgb, int quality) throws Throwable {
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        int[] pixels = packedPixels(rgb);
        MemorySegment source = arena.allocate(ValueLayout.JAVA_INT, pixels.length);
        MemorySegment.copy(pixels, 0, source, ValueLayout.JAVA_INT, 0, pixels.length);
        long capacity = (long) bufSize.invokeExact(width, height, TJSAMP_420);
        MemorySegment jpeg = arena.allocate(capacity);
        MemorySegment jpegPointer = arena.allocate(POINTER);
        jpegPointer.set(ValueLayout.ADDRESS, 0, jpeg);
        MemorySegment jpegSize = arena.allocate(C_LONG);
        jpegSize.set(ValueLayout.JAVA_LONG, 0, capacity);
        int status = (int) compress2.invokeExact(
                handle,
                source,
                width,
                width * 4,
                height,
                library.intRgbPixelFormat,
                jpegPointer,
                jpegSize,
                TJSAMP_420,
                quality,
                TJFLAG_NOREALLOC);
        if (status != 0) {
            throw library.failure(handle, "compress");
        }
        return jpeg.asSlice(0, jpegSize.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE);
    }

    /** The pixels row after row without gaps: the raster's own array when it is laid out so, else a copy. */
    private static int[] packedPixels(BufferedImage rgb) {
        WritableRaster raster = rgb.getRaster();
        int width = rgb.getWidth();
        int height = rgb.getHeight();
        if (raster.getParent() == null
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == width
                && raster.getDataBuffer() instanceof DataBufferInt data
                && data.getOffset() == 0
                && data.getData().length == width * height) {
            return data.getData();
        }
        // A sub-image or an unusual raster: copy out (0xAARRGGBB; the X byte is ignored by the pixel format).
        return rgb.getRGB(0, 0, width, height, null, 0, width);
    }
}
