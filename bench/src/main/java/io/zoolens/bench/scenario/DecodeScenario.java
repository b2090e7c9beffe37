package io.zoolens.bench.scenario;

import io.zoolens.bench.Console;
import io.zoolens.bench.load.Stats;
import io.zoolens.image.DecodeTarget;
import io.zoolens.image.DecodedImage;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageInfo;
import io.zoolens.image.ImageLimits;
import io.zoolens.image.NativeJpegDecoder;
import io.zoolens.model.ModelMetadata;
import io.zoolens.model.Preprocessor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decode benchmark: image-support's decoder and model-support's {@code Preprocessor} in this JVM on the phone-sized
 * JPEGs (12 MP and 48 MP), by route: libjpeg-turbo at the reduced scale (what the classifier does), ImageIO decoding
 * every pixel then box-averaging to the same scale (the fallback without the library), and ImageIO decoding every
 * pixel for a full-size letterbox (the classifier before issue 16). Median of the timed calls after untimed ones. The
 * inference it is compared with comes from the classifier's own timings at 12 MP over HTTP (c1).
 */
public final class DecodeScenario {

    /** The photos measured: a 12 MP one, the one stored sideways (EXIF 6), and the 48 MP one. */
    public static final List<String> PHOTOS =
            List.of("chelsea-12mp.jpg", "grace_hopper-12mp-exif6.jpg", "astronaut-48mp.jpg");

    /** The services refuse more than 40 MP by default; this benchmark decodes the 48 MP photo anyway. */
    private static final long MAX_PIXELS = 64_000_000L;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One photo by one route, ms (medians).
     *
     * @param decodedSize the decoded image's size, e.g. {@code 1008×756}
     */
    public record Row(String photo, String size, String route, String decodedSize, double decode, double preprocess) {}

    /** @param nativeDecoder the native decoder found, or null */
    public record Results(String nativeDecoder, int calls, List<Row> rows) {}

    private DecodeScenario() {}

    public static Results run(Path largeImages, Path models, int warmUps, int calls) {
        ImageLimits limits =
                ImageLimits.of(ImageLimits.defaults().maxBytes() * 4, MAX_PIXELS, List.of("image/jpeg", "image/png"));
        ImageDecoder withNative = new ImageDecoder(limits);
        ImageDecoder imageIo = new ImageDecoder(limits, Optional.empty());
        ModelMetadata.Input input = defaultModelInput(models);
        Preprocessor preprocessor = new Preprocessor(input);
        DecodeTarget target = DecodeTarget.fit(input.width(), input.height());
        List<Row> rows = new ArrayList<>();
        for (String name : PHOTOS) {
            byte[] bytes = read(largeImages.resolve(name));
            if (withNative.nativeJpeg().isPresent()) {
                rows.add(measure(
                        name, "libjpeg-turbo, reduced", withNative, target, bytes, preprocessor, warmUps, calls));
            }
            Optional<NativeJpegDecoder> nativeJpeg = withNative.nativeJpeg();
            if (nativeJpeg.isPresent()) {
                rows.add(floor(name, nativeJpeg.get(), withNative.probe(bytes), bytes, warmUps, calls));
            }
            rows.add(measure(
                    name, "ImageIO + box average, reduced", imageIo, target, bytes, preprocessor, warmUps, calls));
            rows.add(measure(
                    name,
                    "ImageIO, every pixel (before)",
                    imageIo,
                    DecodeTarget.FULL,
                    bytes,
                    preprocessor,
                    warmUps,
                    calls));
        }
        return new Results(withNative.nativeJpeg().map(NativeJpegDecoder::name).orElse(null), calls, rows);
    }

    private static Row measure(
            String photo,
            String route,
            ImageDecoder decoder,
            DecodeTarget target,
            byte[] bytes,
            Preprocessor preprocessor,
            int warmUps,
            int calls) {
        List<Double> decode = new ArrayList<>();
        List<Double> preprocess = new ArrayList<>();
        DecodedImage image = null;
        for (int i = 0; i < warmUps + calls; i++) {
            image = null; // the previous call's raster may go before the next is made (48 MP: 192 MB each)
            long started = System.nanoTime();
            image = decoder.decode(bytes, target);
            long decoded = System.nanoTime();
            preprocessor.prepare(image.rgb(), image.info().width(), image.info().height(), 5, 0f);
            long prepared = System.nanoTime();
            if (i >= warmUps) {
                decode.add((decoded - started) / 1e6);
                preprocess.add((prepared - decoded) / 1e6);
            }
        }
        Row row = new Row(
                photo,
                image.info().width() + "×" + image.info().height(),
                route,
                image.rgb().getWidth() + "×" + image.rgb().getHeight(),
                Stats.median(decode),
                Stats.median(preprocess));
        Console.log(
                "decode %s, %s: decode %.1f ms, preprocess %.1f ms (%s decoded)",
                photo, route, row.decode(), row.preprocess(), row.decodedSize());
        return row;
    }

    /**
     * libjpeg-turbo alone at 1/8, the smallest scale it decodes to, no checks and no preprocessing: what any JPEG
     * decode of this photo costs at least, because every coefficient is still entropy-decoded (Huffman decoding is
     * sequential and does not shrink with the scale). T14's ratio cannot go below this row's.
     */
    private static Row floor(
            String photo, NativeJpegDecoder decoder, ImageInfo info, byte[] bytes, int warmUps, int calls) {
        // the stored (not upright) size, as the JPEG header says: EXIF orientations 5–8 swap the axes
        boolean sideways = info.exifOrientation() >= 5;
        int width = sideways ? info.height() : info.width();
        int height = sideways ? info.width() : info.height();
        List<Double> decode = new ArrayList<>();
        BufferedImage image = null;
        for (int i = 0; i < warmUps + calls; i++) {
            long started = System.nanoTime();
            try {
                image = decoder.decode(bytes, 8, width, height);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (i >= warmUps) {
                decode.add((System.nanoTime() - started) / 1e6);
            }
        }
        Row row = new Row(
                photo,
                info.width() + "×" + info.height(),
                "libjpeg-turbo alone, 1/8 (floor)",
                image.getWidth() + "×" + image.getHeight(),
                Stats.median(decode),
                0);
        Console.log("decode %s, %s: decode %.1f ms", photo, row.route(), row.decode());
        return row;
    }

    private static ModelMetadata.Input defaultModelInput(Path models) {
        Path metadata = models.resolve("coco-centernet/1/zoolens-model.json");
        JsonNode root = JSON.readTree(read(metadata));
        return JSON.treeToValue(root.path("input"), ModelMetadata.Input.class);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is missing (run: make test-images)", e);
        }
    }
}
