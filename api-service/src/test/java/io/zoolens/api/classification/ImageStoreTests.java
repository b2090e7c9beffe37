package io.zoolens.api.classification;

import static org.assertj.core.api.Assertions.assertThat;

import io.zoolens.api.classification.Classification.StoredImage;
import io.zoolens.api.support.TestServers;
import io.zoolens.image.testing.TestImages;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.mongodb.test.autoconfigure.DataMongoTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** GridFS on the embedded MongoDB wire server. */
@DataMongoTest
@Import(ImageStore.class)
class ImageStoreTests {

    private final UploadDecoding decoding = UploadDecodingTests.decoding(1024);

    @Autowired
    ImageStore store;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    @Test
    void theSameBytesAreStoredOnce() {
        ValidatedImage image = decoding.validate(TestImages.png(300, 200));

        StoredImage first = store.store(image);
        StoredImage second = store.store(image);

        assertThat(second.originalFileId()).isEqualTo(first.originalFileId());
        assertThat(second.thumbnailFileId()).isEqualTo(first.thumbnailFileId());
        assertThat(first.sha256()).isEqualTo(ValidatedImage.sha256(image.bytes()));
        assertThat(first.width()).isEqualTo(300);
        assertThat(first.contentType()).isEqualTo("image/png");
    }

    @Test
    void storedBytesComeBackAndDeleteRemovesBothFiles() throws IOException {
        byte[] jpeg = TestImages.jpeg(120, 90);
        StoredImage stored = store.store(decoding.validate(jpeg));

        assertThat(store.originalBytes(stored)).isEqualTo(jpeg);
        try (var thumbnail = store.thumbnail(stored).orElseThrow().content()) {
            assertThat(thumbnail.readAllBytes()).startsWith((byte) 0xFF, (byte) 0xD8);
        }
        assertThat(store.exists(stored)).isTrue();

        store.delete(stored);

        assertThat(store.exists(stored)).isFalse();
        assertThat(store.original(stored)).isEmpty();
    }
}
