package io.zoolens.web;

import io.zoolens.image.ImageDecoder;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/**
 * An image sent as the whole request body (no multipart envelope), for both services: refused from its {@code
 * Content-Length} before a byte is read when that is over the limit, and read to at most one byte past the limit
 * otherwise (a chunked body may not say its length), so an oversized body never fills the heap.
 */
public final class RawImageBody {

    private RawImageBody() {}

    /** The body's bytes; {@code TOO_MANY_BYTES} or {@code EMPTY} from {@code decoder}'s limits. */
    public static byte[] read(HttpServletRequest request, ImageDecoder decoder) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared >= 0) {
            decoder.checkSize(declared);
        }
        long limit = decoder.limits().maxBytes();
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            decoder.checkSize(bytes.length);
            return bytes;
        }
    }
}
