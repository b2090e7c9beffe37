package io.zoolens.api.classifier;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.zoolens.web.RequestIdFilter;
import org.slf4j.MDC;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client configuration for the classifier: time-outs, the request id passed on, a retry for
 * transient failures (Spring Framework 7's {@link RetryTemplate}) inside a circuit breaker (resilience4j).
 */
@Configuration(proxyBeanMethods = false)
class ClassifierConfig {

    /**
     * One JDK HttpClient for every call: it keeps its connections to the classifier open and reuses them
     * (HTTP/1.1 keep-alive pool). With virtual threads on (Java 21+), its own work runs on them too.
     */
    @Bean
    RestClient classifierRestClient(
            RestClient.Builder builder, ClassifierProperties properties, Environment environment) {
        return client(builder, properties, properties.readTimeout(), environment);
    }

    /** The same client for features and trainings, with their longer answer time-out. */
    @Bean
    RestClient classifierTrainingRestClient(
            RestClient.Builder builder,
            ClassifierProperties properties,
            ClassifierTrainingProperties training,
            Environment environment) {
        return client(builder, properties, training.readTimeout(), environment);
    }

    private static RestClient client(
            RestClient.Builder builder,
            ClassifierProperties properties,
            java.time.Duration readTimeout,
            Environment environment) {
        HttpClientSettings settings =
                HttpClientSettings.defaults().withTimeouts(properties.connectTimeout(), readTimeout);
        JdkClientHttpRequestFactoryBuilder factory = ClientHttpRequestFactoryBuilder.jdk();
        if (Threading.VIRTUAL.isActive(environment)) {
            factory = factory.withExecutor(new VirtualThreadTaskExecutor("classifier-http-"));
        }
        return builder.clone()
                .baseUrl(properties.url().toString())
                .requestFactory(factory.build(settings))
                .requestInterceptor((request, body, execution) -> {
                    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
                    if (requestId != null) {
                        request.getHeaders().set(RequestIdFilter.HEADER, requestId);
                    }
                    return execution.execute(request, body);
                })
                .build();
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    CircuitBreaker classifierCircuitBreaker(CircuitBreakerRegistry registry, ClassifierProperties properties) {
        ClassifierProperties.CircuitBreaker settings = properties.circuitBreaker();
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordExceptions(ClassifierUnavailableException.class)
                // A refused image says nothing about the classifier's health.
                .ignoreExceptions(ClassifierRejectedException.class)
                .build();
        return registry.circuitBreaker("classifier", config);
    }

    @Bean
    RetryTemplate classifierRetryTemplate(ClassifierProperties properties) {
        return new RetryTemplate(RetryPolicy.builder()
                .maxRetries(properties.retries())
                .delay(properties.retryDelay())
                .predicate(e -> e instanceof ClassifierUnavailableException unavailable && unavailable.retryableNow())
                .build());
    }
}
