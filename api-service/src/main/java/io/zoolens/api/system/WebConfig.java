package io.zoolens.api.system;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/** Servlet-level wiring: the request-id and dependency-outage filters, and the clock. */
@Configuration(proxyBeanMethods = false)
class WebConfig {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        // Before Spring Session and Spring Security, so their refusals carry the id as well.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

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
