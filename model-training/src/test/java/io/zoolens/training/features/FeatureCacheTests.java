package io.zoolens.training.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTests {

    static final Backbone BACKBONE = new Backbone("coco-centernet", "1", null, null, null, "features");
    static final String SHA = "a".repeat(64);

    @TempDir
    Path root;

    @Test
    void aVectorComesBackAsItWasPutPerOwnerAndBackbone() throws Exception {
        FeatureCache cache = new FeatureCache(root);
        float[] vector = {0.5f, -1.25f, 3e-7f};

        cache.put("owner-1", BACKBONE, SHA, vector);

        assertThat(cache.get("owner-1", BACKBONE, SHA))
                .hasValueSatisfying(v -> assertThat(v).containsExactly(vector));
        assertThat(cache.get("owner-2", BACKBONE, SHA)).isEmpty();
        assertThat(cache.get("owner-1", new Backbone("coco-centernet", "2", null, null, null, "features"), SHA))
                .isEmpty();
        assertThat(root.resolve("owner-1/coco-centernet@1/aa/" + SHA + ".f32")).hasSize(12);
    }

    @Test
    void deletingAnOwnerRemovesOnlyItsVectors() throws Exception {
        FeatureCache cache = new FeatureCache(root);
        cache.put("owner-1", BACKBONE, SHA, new float[] {1});
        cache.put("owner-2", BACKBONE, SHA, new float[] {2});

        cache.deleteOwner("owner-1");

        assertThat(root.resolve("owner-1")).doesNotExist();
        assertThat(cache.get("owner-2", BACKBONE, SHA)).isPresent();
    }

    @Test
    void aTruncatedFileIsAMissNotAWrongVector() throws Exception {
        FeatureCache cache = new FeatureCache(root);
        cache.put("owner-1", BACKBONE, SHA, new float[] {1, 2});
        Files.write(root.resolve("owner-1/coco-centernet@1/aa/" + SHA + ".f32"), new byte[] {1, 2, 3});

        assertThat(cache.get("owner-1", BACKBONE, SHA)).isEmpty();
    }

    @Test
    void namesThatCouldLeaveTheCacheFolderAreRefused() {
        FeatureCache cache = new FeatureCache(root);

        assertThatThrownBy(() -> cache.put("../etc", BACKBONE, SHA, new float[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.get("owner", BACKBONE, "../" + SHA.substring(3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.get("owner", new Backbone("a/b", "1", null, null, null, "f"), SHA))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
