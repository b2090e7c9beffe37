package io.zoolens.classifier.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomModelNamesTests {

    private final CustomModelNames names = new CustomModelNames();

    @Test
    void acceptsOwnersAndTheirCustomModels() {
        assertThat(names.owner("Alice42")).isEqualTo("Alice42");
        assertThat(names.customModel("u-Alice42-dogs", "Alice42")).isEqualTo("u-Alice42-dogs");
        assertThat(names.customModel("u-bob-x", null)).isEqualTo("u-bob-x");
        assertThat(names.version("12")).isEqualTo("12");
        assertThat(names.backbone("coco-centernet")).isEqualTo("coco-centernet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a-b", "a.b", "..", "a/b", "ä", "a b", "12345678901234567890123456789012345678901"})
    void refusesOwnersThatAreNotLettersAndDigits(String owner) {
        assertThatThrownBy(() -> names.owner(owner))
                .isInstanceOf(InvalidNameException.class)
                .extracting(e -> ((InvalidNameException) e).field())
                .isEqualTo("owner");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "coco-centernet",
                "u-alice",
                "u-alice-",
                "u--dogs",
                "u-alice-dogs/1",
                "u-alice-..",
                "u-alice-a-b",
                "U-alice-dogs",
                "u-alice-dogs\n"
            })
    void refusesAnythingButACustomModelName(String model) {
        assertThatThrownBy(() -> names.customModel(model, null)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void aModelMustBelongToTheOwner() {
        assertThatThrownBy(() -> names.customModel("u-bob-dogs", "alice"))
                .isInstanceOf(InvalidNameException.class)
                .hasMessageContaining("u-alice-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "1/2", "latest", "-1", ""})
    void versionsAreNumbers(String version) {
        assertThatThrownBy(() -> names.version(version)).isInstanceOf(InvalidNameException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../models", "u-alice-dogs", ".hidden", ""})
    void backbonesAreServedModelsThatAreNotCustomOnes(String backbone) {
        assertThatThrownBy(() -> names.backbone(backbone)).isInstanceOf(InvalidNameException.class);
    }
}
