package io.zoolens.classifier.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.classifier.catalog.ModelRegistry;
import io.zoolens.classifier.runtime.LoadedModel;
import io.zoolens.classifier.runtime.Prediction;
import io.zoolens.image.DecodedImage;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.testing.TestImages;
import io.zoolens.model.InputGeometry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Decoding at the scale the model needs must not change the answers: the default model on the held test photos,
 * the 12 MP ones (one stored sideways with EXIF orientation 6) and a PNG screenshot, once from every pixel and once
 * from the reduced decode the classifier uses. Same top label, scores within {@link #SCORE_TOLERANCE}, every
 * confident box's edges within {@link #BOX_TOLERANCE} of the original's longer side (one input pixel of a 512-pixel
 * model is 0.2 % of it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ReducedDecodeIT extends DefaultModelTest {

    private static final float SCORE_TOLERANCE = 0.05f;
    private static final double BOX_TOLERANCE = 0.0025;
    private static final float CONFIDENT = 0.3f;

    @Autowired
    ModelRegistry registry;

    @Autowired
    ImageDecoder decoder;

    @Test
    void theClassifierDecodesLargeJpegsWithLibjpegTurbo() {
        assertThat(decoder.nativeJpeg())
                .as("image-turbojpeg on the class path and libturbojpeg0 installed")
                .isPresent();
        LoadedModel model = registry.resolve("coco-centernet", null);
        DecodedImage reduced = decoder.decode(TestImages.large("chelsea-12mp.jpg"), model.decodeTarget());
        assertThat(reduced.rgb().getWidth()).isEqualTo(1008); // 1/4 of 4032 for the 512-pixel input
        assertThat(reduced.info().width()).isEqualTo(4032);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "chelsea.png",
                "astronaut.png",
                "coffee.png",
                "rocket.jpg",
                "flower.jpg",
                "grace_hopper.jpg",
                "large/chelsea-12mp.jpg",
                "large/coffee-12mp.jpg",
                "large/flower-12mp.jpg",
                "large/rocket-12mp.jpg",
                "large/grace_hopper-12mp-exif6.jpg",
                "large/screenshot.png"
            })
    void reducedDecodeGivesTheSameAnswerAsTheFullDecode(String photo) throws Exception {
        byte[] bytes = TestImages.fetched(photo);
        LoadedModel model = registry.resolve("coco-centernet", null);

        DecodedImage full = decoder.decode(bytes);
        DecodedImage reduced = decoder.decode(bytes, model.decodeTarget());
        Prediction expected = model.predict(model.preprocessor().prepare(full.rgb(), 5, 0f), Duration.ofMinutes(1));
        Prediction actual = model.predict(
                model.preprocessor()
                        .prepare(
                                reduced.rgb(),
                                reduced.info().width(),
                                reduced.info().height(),
                                5,
                                0f),
                Duration.ofMinutes(1));

        assertThat(reduced.info()).isEqualTo(full.info());
        assertThat(actual.labels().get(0).label())
                .isEqualTo(expected.labels().get(0).label());
        for (Prediction.LabelScore label : expected.labels()) {
            assertThat(score(actual.labels(), label.label()))
                    .as("%s: score of %s", photo, label.label())
                    .isCloseTo(label.score(), org.assertj.core.data.Offset.offset(SCORE_TOLERANCE));
        }
        double tolerance =
                BOX_TOLERANCE * Math.max(full.info().width(), full.info().height());
        for (Prediction.DetectedObject object : expected.objects()) {
            if (object.score() < CONFIDENT) {
                continue;
            }
            InputGeometry.Box match = nearest(actual.objects(), object);
            assertThat(match)
                    .as("%s: a %s box in the reduced decode's answer", photo, object.label())
                    .isNotNull();
            System.out.printf(
                    "%s %s: box edges differ by %.1f px (tolerance %.1f)%n",
                    photo, object.label(), edgeDistance(object.box(), match), tolerance);
            assertThat(edgeDistance(object.box(), match))
                    .as("%s: %s box %s vs %s", photo, object.label(), object.box(), match)
                    .isLessThanOrEqualTo(tolerance);
        }
    }

    private static float score(List<Prediction.LabelScore> labels, String label) {
        return labels.stream()
                .filter(l -> l.label().equals(label))
                .map(Prediction.LabelScore::score)
                .findFirst()
                .orElse(0f);
    }

    private static InputGeometry.Box nearest(List<Prediction.DetectedObject> objects, Prediction.DetectedObject to) {
        return objects.stream()
                .filter(o -> o.label().equals(to.label()))
                .map(Prediction.DetectedObject::box)
                .min((a, b) -> Double.compare(edgeDistance(a, to.box()), edgeDistance(b, to.box())))
                .orElse(null);
    }

    private static double edgeDistance(InputGeometry.Box a, InputGeometry.Box b) {
        return Math.max(
                Math.max(Math.abs(a.x() - b.x()), Math.abs(a.y() - b.y())),
                Math.max(
                        Math.abs(a.x() + a.width() - b.x() - b.width()),
                        Math.abs(a.y() + a.height() - b.y() - b.height())));
    }
}
