package io.zoolens.api.account;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** Resolves the {@link Owner} of the current request from the security context or the guest's session. */
@Component
public class CurrentOwner {

    static final String GUEST_ATTRIBUTE = "zoolens.guestId";

    /** The owner, if the request has one: a signed-in user, or a guest who already has a session id. */
    public Optional<Owner> find(HttpServletRequest request) {
        Optional<String> user = userId();
        if (user.isPresent()) {
            return Optional.of(new Owner(user.get(), false));
        }
        HttpSession session = request.getSession(false);
        Object guestId = session == null ? null : session.getAttribute(GUEST_ATTRIBUTE);
        return guestId instanceof String id ? Optional.of(new Owner(id, true)) : Optional.empty();
    }

    /** The owner, making the caller a guest with a new session if needed (for a guest's first upload). */
    public Owner findOrCreateGuest(HttpServletRequest request) {
        return find(request).orElseGet(() -> {
            String guestId = "guest-" + UUID.randomUUID();
            request.getSession(true).setAttribute(GUEST_ATTRIBUTE, guestId);
            return new Owner(guestId, true);
        });
    }

    /** The signed-in account's id, or empty for anonymous requests. */
    public Optional<String> userId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Optional.empty();
        }
        return Optional.of(authentication.getName());
    }
}
