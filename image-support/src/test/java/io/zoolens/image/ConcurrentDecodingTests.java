package io.zoolens.image;

import static io.zoolens.image.RgbAssert.assertQuadrants;
import static io.zoolens.image.testing.TestImages.BLUE;
import static io.zoolens.image.testing.TestImages.GREEN;
import static io.zoolens.image.testing.TestImages.RED;
import static io.zoolens.image.testing.TestImages.WHITE;
import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.image.ImageRejectedException.Reason;
import io.zoolens.image.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One decoder shared by several threads, as a service shares it between requests. */
class ConcurrentDecodingTests {

    private static final int THREADS = 6;
    private static final int ROUNDS = 20;

    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.defaults());

    @Test
    @Timeout(60)
    void oneDecoderDecodesManyImagesFromSeveralThreadsAtOnce() throws Exception {
        byte[] png = TestImages.encode(TestImages.quadrants(64, 48), "png");
        byte[] jpeg = TestImages.withExifOrientation(TestImages.encode(TestImages.quadrants(64, 48), "jpeg"), 6);
        byte[] gif = TestImages.encode(TestImages.quadrants(64, 48), "gif");
        byte[] webp = TestImages.resource("quadrants-lossless.webp");
        byte[] truncatedJpeg = TestImages.truncated(TestImages.encode(TestImages.noise(128, 96), "jpeg"), 0.6);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < THREADS * ROUNDS; i++) {
            int kind = i % 5;
            tasks.add(() -> {
                switch (kind) {
                    case 0 -> assertQuadrants(decoder.decode(png).rgb(), RED, GREEN, BLUE, WHITE, 0);
                    case 1 -> {
                        DecodedImage upright = decoder.decode(jpeg);
                        assertThat(upright.info().width()).isEqualTo(48);
                        assertQuadrants(upright.rgb(), BLUE, RED, WHITE, GREEN, 16);
                    }
                    case 2 -> assertQuadrants(decoder.decode(gif).rgb(), RED, GREEN, BLUE, WHITE, 0);
                    case 3 -> assertQuadrants(decoder.decode(webp).rgb(), RED, GREEN, BLUE, WHITE, 0);
                    default -> {
                        try {
                            decoder.decode(truncatedJpeg);
                            throw new AssertionError("a truncated JPEG was decoded");
                        } catch (ImageRejectedException e) {
                            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                        }
                    }
                }
                return kind;
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> results = pool.invokeAll(tasks, 50, TimeUnit.SECONDS);
            for (Future<Integer> result : results) {
                result.get(); // rethrows any assertion failure from a worker
            }
            assertThat(results).hasSize(THREADS * ROUNDS);
        } finally {
            pool.shutdownNow();
        }
    }
}
