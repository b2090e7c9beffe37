package io.zoolens.api.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The {@code X-Expected-User} guard: a client that believes it is signed in as an account names it in this header,
 * and when the request's session belongs to someone else (a guest, nobody, another account), the api answers 401
 * {@code session-ended} and does nothing, so an upload never lands silently in a new guest session after the
 * session ended. Runs after the security context is loaded and CSRF is checked, before sign-out and every
 * controller. Not applied where a session is being started or merely looked at (listed in {@link SecurityConfig}).
 */
class ExpectedUserFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Expected-User";

    private final RequestMatcher exempt;
    private final HandlerExceptionResolver resolver;

    ExpectedUserFilter(RequestMatcher exempt, HandlerExceptionResolver resolver) {
        this.exempt = exempt;
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String expected = request.getHeader(HEADER);
        if (expected == null || expected.isBlank() || expected.equals(signedInUserId()) || exempt.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        resolver.resolveException(
                request,
                response,
                null,
                new ApiException(ProblemType.SESSION_ENDED, "You were signed out — sign in again."));
    }

    /** The principal's name is the account id ({@code AccountUserDetailsService}); null for anonymous requests. */
    private static String signedInUserId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }
}
