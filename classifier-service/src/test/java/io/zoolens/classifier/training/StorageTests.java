package io.zoolens.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** Read-only folders cannot be made in a test run as root (it may write anywhere), so the mapping is checked here. */
class StorageTests {

    @Test
    void aReadOnlyFileSystemOrAnAccessDenialIsTheReadOnlyProblem() {
        assertThatThrownBy(() -> Storage.readOnly(
                        new FileSystemException("/models/u-a-b", null, "Read-only file system"), "models folder"))
                .isInstanceOf(ModelsFolderReadOnlyException.class)
                .hasMessageContaining("models folder");
        assertThatThrownBy(() -> Storage.readOnly(new AccessDeniedException("/models/u-a-b"), "models folder"))
                .isInstanceOf(ModelsFolderReadOnlyException.class);
    }

    @Test
    void otherFailuresStayWhatTheyAre() {
        IOException full = new FileSystemException("/models/u-a-b", null, "No space left on device");
        assertThat(Storage.readOnly(full, "models folder")).isSameAs(full);
    }
}
