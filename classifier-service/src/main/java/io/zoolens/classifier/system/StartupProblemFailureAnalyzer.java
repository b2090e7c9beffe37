package io.zoolens.classifier.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link StartupProblem} as description and action. Spring Boot logs the analysis at ERROR and the stack
 * trace only at DEBUG, so an orchestrator restarting the service shows one clear reason, not a wall of frames.
 * Registered in {@code META-INF/spring.factories}.
 */
class StartupProblemFailureAnalyzer extends AbstractFailureAnalyzer<StartupProblem> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupProblem cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
