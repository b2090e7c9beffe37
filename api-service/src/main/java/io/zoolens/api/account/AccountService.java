package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Creating and removing accounts. */
@Service
class AccountService {

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final PasswordPolicy passwordPolicy;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountService(
            UserRepository users,
            PasswordEncoder encoder,
            PasswordPolicy passwordPolicy,
            ApplicationEventPublisher events,
            Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.passwordPolicy = passwordPolicy;
        this.events = events;
        this.clock = clock;
    }

    User register(String username, String email, String password) {
        String name = username.trim();
        String mail = email.trim();
        passwordPolicy.check(password, name, mail);
        refuseTaken(name, mail);
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        try {
            return users.insert(User.create(name, mail, encoder.encode(password), now));
        } catch (DuplicateKeyException e) {
            // Lost a race with another registration: the unique indexes are the final word.
            refuseTaken(name, mail);
            throw new ApiException(ProblemType.USERNAME_TAKEN, "This username or email is already in use.");
        }
    }

    private void refuseTaken(String username, String email) {
        if (users.existsByUsernameKey(User.key(username))) {
            throw new ApiException(ProblemType.USERNAME_TAKEN, "The username '" + username + "' is taken.");
        }
        if (users.existsByEmailKey(User.key(email))) {
            throw new ApiException(ProblemType.EMAIL_TAKEN, "An account with this email exists already.");
        }
    }

    /** Removes the account and, through {@link AccountDeleted} listeners, everything it owns. */
    void delete(String userId) {
        events.publishEvent(new AccountDeleted(userId));
        users.deleteById(userId);
    }
}
