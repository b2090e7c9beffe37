package io.zoolens.api.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * Signs an authenticated user into the HTTP session, as form login would: new session id (no fixation),
 * rotated CSRF token, security context saved to the session; then hands the guest's items to the account.
 */
@Component
class SessionSignIn {

    private final SessionAuthenticationStrategy sessionStrategy;
    private final SecurityContextRepository contexts;
    private final ApplicationEventPublisher events;

    SessionSignIn(
            SessionAuthenticationStrategy sessionStrategy,
            SecurityContextRepository contexts,
            ApplicationEventPublisher events) {
        this.sessionStrategy = sessionStrategy;
        this.contexts = contexts;
        this.events = events;
    }

    void signIn(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        sessionStrategy.onAuthentication(authentication, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        contexts.saveContext(context, request, response);

        HttpSession session = request.getSession(false);
        Object guestId = session == null ? null : session.getAttribute(CurrentOwner.GUEST_ATTRIBUTE);
        if (guestId instanceof String id) {
            session.removeAttribute(CurrentOwner.GUEST_ATTRIBUTE);
            events.publishEvent(new GuestSignedIn(id, authentication.getName()));
        }
    }
}
