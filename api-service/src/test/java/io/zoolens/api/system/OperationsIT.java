package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.zoolens.api.support.ApiIntegrationTest;
import io.zoolens.api.support.Browser;
import io.zoolens.api.support.Browser.Response;
import io.zoolens.image.testing.TestImages;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Actuator, OpenAPI, request ids, error rendering and security headers. */
class OperationsIT extends ApiIntegrationTest {

    @Test
    void healthIsUpWithMongoRedisAndClassifier() {
        Response health = browser().get("/actuator/health");

        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        var components = health.json().path("components");
        assertThat(components.path("mongo").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("redis").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("classifier").path("status").asString()).isEqualTo("UP");
        assertThat(browser()
                        .get("/actuator/health/liveness")
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("UP");
        Response readiness = browser().get("/actuator/health/readiness");
        assertThat(readiness.json().path("status").asString()).isEqualTo("UP");
        assertThat(readiness.json().path("components").has("mongo")).isTrue();
        assertThat(readiness.json().path("components").has("redis")).isTrue();
        assertThat(readiness.json().path("components").has("classifier")).isFalse();
    }

    @Test
    void withoutTheClassifierHealthSaysSoButLivenessAndReadinessStayUp() {
        classifier().stop();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response health = browser().get("/actuator/health");
            assertThat(health.json()
                            .path("components")
                            .path("classifier")
                            .path("status")
                            .asString())
                    .isEqualTo("DOWN");
        });
        assertThat(browser().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(browser().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void prometheusExposesHttpClassifierAndCircuitBreakerMetrics() {
        signedIn("metrics").upload(TestImages.png(30, 31));

        Response metrics = browser().get("/actuator/prometheus");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.text())
                .contains("http_server_requests_seconds")
                .contains("http_client_requests_seconds")
                .contains("zoolens_classifications_total")
                .contains("resilience4j_circuitbreaker_state");
    }

    @Test
    void infoCarriesTheBuildVersion() {
        Response info = browser().get("/actuator/info");

        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().path("build").path("version").asString()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(info.json().path("build").path("artifact").asString()).isEqualTo("api-service");
    }

    @Test
    void theOpenApiDocumentAndTheBrowsableDocsAreServedUnderApi() {
        Response openapi = browser().get("/api/openapi.json");
        Response docs = browser().get("/api/docs");

        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.json().path("info").path("title").asString()).isEqualTo("Zoolens API");
        assertThat(openapi.json().path("paths").has("/api/classifications")).isTrue();
        assertThat(openapi.json().path("paths").has("/api/auth/login")).isTrue();
        assertThat(openapi.json().path("paths").has("/api/albums/{id}")).isTrue();
        assertThat(docs.status()).isIn(200, 302);
        Response page = docs.status() == 302 ? browser().get(docs.header("Location")) : docs;
        assertThat(page.status()).as("the docs page is public").isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.text()).contains("id=\"swagger-ui\"");
    }

    @Test
    void everyResponseCarriesARequestIdTakenFromTheRequestWhenSafe() {
        Response given = browser().get("/api/models", "X-Request-Id", "gateway-123");
        Response generated = browser().get("/api/models");
        Response hostile = browser().get("/api/models", "X-Request-Id", "bad id\twith tab");

        assertThat(given.header("X-Request-Id")).isEqualTo("gateway-123");
        assertThat(generated.header("X-Request-Id")).hasSize(36);
        assertThat(hostile.header("X-Request-Id")).hasSize(36);
    }

    @Test
    void unknownPathsAndWrongMethodsAreProblemsToo() {
        Browser browser = signedIn("errors");

        Response missing = browser.get("/api/nothing-here");
        Response method = browser.putJson("/api/stats", "{}");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.problemType()).isEqualTo("not-found");
        assertThat(missing.json().path("requestId").asString()).isEqualTo(missing.header("X-Request-Id"));
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.problemType()).isEqualTo("method-not-allowed");
        assertThat(method.text()).doesNotContain("Exception").doesNotContain("at io.");
    }

    @Test
    void securityHeadersAreSet() {
        Response response = browser().get("/api/auth/csrf");

        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'none'");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Cache-Control")).contains("no-store");
    }
}
