package io.zoolens.api.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;

/**
 * Gives the browser a new {@code XSRF-TOKEN} cookie whenever a session starts or ends (sign-in, registration,
 * sign-out, sign-out everywhere, account deletion): a new value, not only a deletion, so the next state-changing
 * request works with what the cookie jar or {@code document.cookie} holds, without asking {@code /api/auth/csrf}
 * first. A token from before the change is worthless afterwards.
 */
@Component
public class CsrfRenewal {

    private final CookieCsrfTokenRepository tokens;

    CsrfRenewal(CookieCsrfTokenRepository tokens) {
        this.tokens = tokens;
    }

    /** Saves a fresh token as the cookie of this response. */
    public void renew(HttpServletRequest request, HttpServletResponse response) {
        CsrfToken fresh = tokens.generateToken(request);
        tokens.saveToken(fresh, request, response);
    }

    /** At sign-in and registration, after the session id has changed. */
    SessionAuthenticationStrategy atSignIn() {
        return (authentication, request, response) -> renew(request, response);
    }

    /**
     * Sign-out (Spring Security's logout filter): 204 with a fresh token. The filter's own CSRF handler has already
     * deleted the old cookie; this one sets the new value after that deletion, which browsers and curl apply in
     * order.
     */
    LogoutSuccessHandler afterLogout() {
        return (request, response, authentication) -> {
            renew(request, response);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        };
    }
}
