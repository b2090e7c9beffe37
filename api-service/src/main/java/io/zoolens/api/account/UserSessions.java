package io.zoolens.api.account;

import io.zoolens.api.system.CsrfRenewal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/**
 * Ending sessions: all of one account, found through Spring Session's principal-name index in Redis, or the
 * current request's.
 */
@Component
class UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;
    private final CsrfRenewal csrfRenewal;

    UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, CsrfRenewal csrfRenewal) {
        this.sessions = sessions;
        this.csrfRenewal = csrfRenewal;
    }

    /** Ends every session of the account, on every replica (they all read the same Redis). */
    int endAll(String userId) {
        Set<String> ids = sessions.findByPrincipalName(userId).keySet();
        ids.forEach(sessions::deleteById);
        return ids.size();
    }

    /** Ends this request's session, as sign-out does, and hands out a new CSRF token in the answer. */
    void endCurrent(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        csrfRenewal.renew(request, response);
    }
}
