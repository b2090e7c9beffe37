package io.zoolens.api.account;

import java.util.Set;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

/** All sessions of one account, found through Spring Session's principal-name index in Redis. */
@Component
class UserSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Ends every session of the account, on every replica (they all read the same Redis). */
    int endAll(String userId) {
        Set<String> ids = sessions.findByPrincipalName(userId).keySet();
        ids.forEach(sessions::deleteById);
        return ids.size();
    }
}
