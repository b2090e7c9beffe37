package io.zoolens.classifier.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class StartupProblemFailureAnalyzerTests {

    @Test
    void aStartupProblemInsideABeanCreationFailureBecomesItsDescriptionAndAction() {
        StartupProblem problem = new StartupProblem("The models folder /m does not exist.", "Create it.", null);
        BeanCreationException failure = new BeanCreationException("modelsFolderCheck", "failed", problem);

        FailureAnalysis analysis = new StartupProblemFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).isEqualTo("The models folder /m does not exist.");
        assertThat(analysis.getAction()).isEqualTo("Create it.");
    }

    @Test
    void otherFailuresAreLeftToSpringBoot() {
        assertThat(new StartupProblemFailureAnalyzer().analyze(new IllegalStateException("x")))
                .isNull();
    }
}
