package io.zoolens.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixedScenarioTests {

    @Test
    void kindsArePickedInProportionToTheirWeights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("signin", 5);
        weights.put("upload", 10);
        weights.put("history", 60);
        weights.put("feedback", 25);
        MixedScenario.KindPicker picker = new MixedScenario.KindPicker(weights);
        SplittableRandom random = new SplittableRandom(1);
        Map<String, Integer> counts = new LinkedHashMap<>();

        for (int i = 0; i < 100_000; i++) {
            counts.merge(picker.pick(random), 1, Integer::sum);
        }

        assertThat(counts.keySet()).containsExactlyInAnyOrder("sign-in", "upload", "history", "feedback");
        assertThat(counts.get("history")).isBetween(59_000, 61_000);
        assertThat(counts.get("sign-in")).isBetween(4_500, 5_500);
    }

    @Test
    void aKindWeightedZeroIsNeverPickedAndUnknownKindsAreRefused() {
        MixedScenario.KindPicker picker = new MixedScenario.KindPicker(Map.of("upload", 1, "history", 0));
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 1000; i++) {
            assertThat(picker.pick(random)).isEqualTo("upload");
        }
        assertThatThrownBy(() -> new MixedScenario.KindPicker(Map.of("delete", 1)))
                .hasMessageContaining("unknown kind delete");
    }

    @Test
    void theUploadBodyIsAMultipartFormWithTheImagePart() {
        PhotoUpload photo = PhotoUpload.form(new TestImages.Photo("rocket.jpg", new byte[] {1, 2, 3}));
        String body = new String(photo.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
        String boundary = photo.contentType().substring(photo.contentType().indexOf("boundary=") + 9);

        assertThat(photo.contentType()).startsWith("multipart/form-data; boundary=");
        assertThat(body)
                .startsWith("--" + boundary + "\r\n")
                .contains("Content-Disposition: form-data; name=\"image\"; filename=\"rocket.jpg\"\r\n")
                .contains("Content-Type: image/jpeg\r\n\r\n\u0001\u0002\u0003\r\n")
                .endsWith("--" + boundary + "--\r\n");
    }
}
