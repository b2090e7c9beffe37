package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.zoolens.stackharness.NativeStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The frontend's browser tests ({@code npm run test:e2e}, Chromium) against this stack's gateway, so the suite
 * starts the stack once for both. {@code -Dzoolens.e2e.skip=true} leaves them out. Runs after the other tests,
 * before {@link ReplicaFailoverIT}.
 */
@StackTest
@Order(Integer.MAX_VALUE - 1)
class FrontendEndToEndIT {

    private final NativeStack stack;

    FrontendEndToEndIT(NativeStack stack) {
        this.stack = stack;
    }

    @Test
    void theFrontendsBrowserTestsPassAgainstTheStack() throws Exception {
        assumeFalse(Boolean.getBoolean("zoolens.e2e.skip"), "zoolens.e2e.skip is set");
        runE2e("frontend-e2e.log", Map.of());
    }

    /** The Models flow once more on a phone (390 × 844): the other files take their phone screenshots with snap(). */
    @Test
    void theModelsFlowPassesAtPhoneWidth() throws Exception {
        assumeFalse(Boolean.getBoolean("zoolens.e2e.skip"), "zoolens.e2e.skip is set");
        runE2e("frontend-e2e-phone.log", Map.of("ZOOLENS_E2E_VIEWPORT", "phone", "ZOOLENS_E2E_ONLY", "models"));
    }

    private void runE2e(String logName, Map<String, String> environment) throws Exception {
        Path output = StackPaths.stackDir().resolveSibling(logName);
        ProcessBuilder npm = new ProcessBuilder("npm", "run", "test:e2e")
                .directory(stack.repoDir().resolve("frontend").toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // the e2e suite accepts the stack's self-signed certificate itself (ignoreHTTPSErrors)
        npm.environment().put("ZOOLENS_E2E_BASE_URL", stack.https("").toString());
        npm.environment().putAll(environment);

        Process process = npm.start();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        // through System.out, so Surefire's channel to this JVM stays intact
        String log = Files.readString(output);
        System.out.println(log);

        assertThat(finished).as("npm run test:e2e finished within 15 minutes").isTrue();
        assertThat(process.exitValue()).as("npm run test:e2e failed:%n%s", log).isZero();
    }
}
