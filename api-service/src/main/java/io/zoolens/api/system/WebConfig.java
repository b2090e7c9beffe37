package io.zoolens.api.system;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Servlet-level wiring: the dependency-outage filter (right after web-support's request-id filter), the clock. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    @Bean
    FilterRegistrationBean<DependencyOutageFilter> dependencyOutageFilter(
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        FilterRegistrationBean<DependencyOutageFilter> registration =
                new FilterRegistrationBean<>(new DependencyOutageFilter(resolver));
        // Outside Spring Session's filter (Integer.MIN_VALUE + 50), whose Redis failures it turns into 503s.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
