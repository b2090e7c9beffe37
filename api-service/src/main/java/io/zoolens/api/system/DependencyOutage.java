package io.zoolens.api.system;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * A failure that means "MongoDB or Redis cannot be reached right now", as opposed to a bad request or a bug:
 * answered with 503 {@code service-unavailable} and {@code Retry-After}, never with a 500. Recognised by the
 * exception and its causes, because Spring translates driver exceptions only on some paths (repositories and
 * templates do, GridFS and filters do not).
 *
 * @param dependency which part is away, for the log and the answer's detail
 * @param failure the exception that says so
 */
public record DependencyOutage(Dependency dependency, Throwable failure) {

    /** Long enough for a restart of Redis or MongoDB to finish, short enough not to lose the visitor. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** The parts of the system whose absence the API reports as 503. */
    public enum Dependency {
        DATABASE("The database cannot be reached right now; nothing was changed. Try again in a moment."),
        SESSIONS("Sign-in and sessions are unavailable right now; your account and data are safe. "
                + "Try again in a moment.");

        private final String detail;

        Dependency(String detail) {
            this.detail = detail;
        }

        /** A sentence for people: what is away, that nothing is lost, what to do. */
        public String detail() {
            return detail;
        }
    }

    /** The outage this failure (or one of its causes) reports, if it reports one. */
    public static Optional<DependencyOutage> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isOutage(t)) {
                return Optional.of(new DependencyOutage(dependencyOf(t), failure));
            }
        }
        return Optional.empty();
    }

    /** The answer: 503 {@code service-unavailable}, a detail naming what is away, and Retry-After. */
    public ApiException asProblem() {
        return new ApiException(ProblemType.SERVICE_UNAVAILABLE, dependency.detail(), Map.of(), RETRY_AFTER);
    }

    /** One log line, without the stack trace: an outage is an operations event, not a bug. */
    public String describe() {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return dependency.name().toLowerCase() + " unavailable: " + root;
    }

    private static boolean isOutage(Throwable t) {
        return t instanceof DataAccessResourceFailureException
                || t instanceof QueryTimeoutException
                || t instanceof TransientDataAccessResourceException
                || t instanceof MongoTimeoutException
                || t instanceof MongoSocketException
                || t instanceof RedisConnectionException
                || t instanceof RedisCommandTimeoutException;
    }

    /** Redis when a Redis (Lettuce or Spring Data Redis) exception is in the chain, else the database. */
    private static Dependency dependencyOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisException
                    || t.getClass().getPackageName().startsWith("org.springframework.data.redis")) {
                return Dependency.SESSIONS;
            }
            if (t instanceof MongoException) {
                return Dependency.DATABASE;
            }
        }
        return Dependency.DATABASE;
    }
}
