package io.zoolens.api.support;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the full-stack tests: the whole application on a random port over real HTTP, with real Redis, the
 * embedded MongoDB wire server and the classifier stub. Every subclass without extra configuration shares one
 * application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiIntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    private CircuitBreaker classifierCircuitBreaker;

    @DynamicPropertySource
    static void testServers(DynamicPropertyRegistry registry) {
        TestServers.register(registry);
    }

    /** A new browser, i.e. a new cookie jar and a new client address. */
    protected Browser browser() {
        return new Browser(port, TestServers.nextClientIp());
    }

    /** A new browser signed in to a new account. */
    protected Browser signedIn(String usernamePrefix) {
        Browser browser = browser();
        Browser.Response registered = browser.register(uniqueName(usernamePrefix), "correct horse battery");
        if (registered.status() != 201) {
            throw new IllegalStateException("registration failed: " + registered);
        }
        return browser;
    }

    protected static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    protected static ClassifierStub classifier() {
        return TestServers.classifier();
    }

    /** Every test starts with a running, healthy classifier stub and a closed circuit. */
    @AfterEach
    void restoreClassifier() {
        classifier().reset();
        classifierCircuitBreaker.reset();
    }
}
