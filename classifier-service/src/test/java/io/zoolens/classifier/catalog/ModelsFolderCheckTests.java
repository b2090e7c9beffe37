package io.zoolens.classifier.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zoolens.classifier.system.StartupProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsFolderCheckTests {

    @TempDir
    Path dir;

    @Test
    void aMissingFolderIsAStartupProblemNamingTheFolderAndTheVariable() {
        Path missing = dir.resolve("models");

        assertThatThrownBy(() -> ModelsFolderCheck.check(missing))
                .isInstanceOf(StartupProblem.class)
                .hasMessage("The models folder " + missing + " does not exist.")
                .satisfies(e -> assertThat(((StartupProblem) e).action()).contains("ZOOLENS_MODELS_DIR"));
    }

    @Test
    void aFileInsteadOfAFolderIsAStartupProblem() throws IOException {
        Path file = Files.writeString(dir.resolve("models"), "not a folder");

        assertThatThrownBy(() -> ModelsFolderCheck.check(file))
                .isInstanceOf(StartupProblem.class)
                .hasMessageContaining("is not a folder");
    }

    @Test
    void anEmptyFolderIsFineBecauseVersionsMayBeDroppedInLater() {
        assertThatCode(() -> ModelsFolderCheck.check(dir)).doesNotThrowAnyException();
    }
}
