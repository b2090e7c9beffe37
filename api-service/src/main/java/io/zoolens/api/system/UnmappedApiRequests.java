package io.zoolens.api.system;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Requests under {@code /api/} that no controller serves and Spring Security does not handle itself (sign-out):
 * they can only end in 404 {@code not-found}, so {@link SecurityConfig} lets them through without an account or a
 * CSRF token, and a guest learns that the path does not exist instead of being asked to sign in. Every path that
 * has a controller stays behind the rules, including new ones nobody listed (fail closed).
 */
final class UnmappedApiRequests implements RequestMatcher {

    private final RequestMatcher api = pathPattern("/api/**");
    private final RequestMatcher logout = pathPattern(HttpMethod.POST, "/api/auth/logout");
    private final ObjectProvider<RequestMappingHandlerMapping> controllers;

    UnmappedApiRequests(ObjectProvider<RequestMappingHandlerMapping> controllers) {
        this.controllers = controllers;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (!api.matches(request) || logout.matches(request)) {
            return false;
        }
        try {
            return controllers.getObject().getHandler(new Isolated(request)) == null;
        } catch (Exception e) {
            // A controller path with another method or media type: known, so the usual rules answer it.
            return false;
        }
    }

    /** Keeps the attributes the lookup sets to itself, so the real dispatch starts from a clean request. */
    private static final class Isolated extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();

        Isolated(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.put(name, null);
        }
    }
}
