package io.zoolens.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers 503 {@code service-unavailable} when Redis or MongoDB fails outside a controller. Spring Session loads
 * the session in its filter, before Spring MVC, and saves it after: {@link ProblemDetailsAdvice} never sees those
 * failures, and the servlet container would answer 500 after running the session filter once more for its error
 * page. Registered right after {@link io.zoolens.web.RequestIdFilter}, outside the session filter ({@link WebConfig}); the answer
 * itself is rendered by the advice, like every other problem.
 */
class DependencyOutageFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DependencyOutageFilter.class);

    private final HandlerExceptionResolver resolver;

    DependencyOutageFilter(HandlerExceptionResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (IOException | ServletException | RuntimeException e) {
            Optional<DependencyOutage> outage = DependencyOutage.of(e);
            if (outage.isEmpty() || response.isCommitted()) {
                throw e;
            }
            log.warn(
                    "{} {}: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    outage.get().describe());
            response.resetBuffer();
            resolver.resolveException(request, response, null, outage.get().asProblem());
        }
    }
}
