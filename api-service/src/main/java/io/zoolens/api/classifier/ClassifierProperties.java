package io.zoolens.api.classifier;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the api-service reaches the classifier ({@code zoolens.classifier.*}).
 *
 * @param url base URL ({@code ZOOLENS_CLASSIFIER_URL})
 * @param connectTimeout TCP connect time-out
 * @param readTimeout time-out for an answer; an inference slower than this leaves the upload PENDING
 * @param retries extra attempts within one call on a 5xx or connection failure (not on a time-out)
 * @param retryDelay pause before such an attempt
 * @param topK labels to ask for: all of them (up to the classifier's bound), so results can be filtered later
 * @param minScore the floor for labels and objects asked for (0: every score the model gives)
 * @param catalogTtl how long the model list is cached
 * @param circuitBreaker when to stop calling a failing classifier for a while
 */
@ConfigurationProperties("zoolens.classifier")
public record ClassifierProperties(
        @DefaultValue("http://localhost:8082") URI url,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("1") int retries,
        @DefaultValue("200ms") Duration retryDelay,
        @DefaultValue("1000") int topK,
        @DefaultValue("0") double minScore,
        @DefaultValue("30s") Duration catalogTtl,
        @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * @param failureRateThreshold percentage of failed calls that opens the circuit
     * @param slidingWindowSize calls the failure rate is computed over
     * @param minimumCalls calls needed before the rate counts
     * @param openFor how long an open circuit refuses calls before letting a few probes through
     * @param halfOpenCalls probes in the half-open state
     */
    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("10") int slidingWindowSize,
            @DefaultValue("4") int minimumCalls,
            @DefaultValue("30s") Duration openFor,
            @DefaultValue("2") int halfOpenCalls) {}
}
