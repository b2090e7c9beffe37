package io.zoolens.classifier.system;

/**
 * A reason the service cannot start that an operator fixes outside the code (a missing folder, a full disk), with
 * what to do about it. {@link StartupProblemFailureAnalyzer} turns it into Spring Boot's short "APPLICATION FAILED
 * TO START" report: one description, one action, exit code 1, no stack trace.
 */
public class StartupProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    public StartupProblem(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What the operator should do, e.g. which variable to set. */
    public String action() {
        return action;
    }
}
