package io.zoolens.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.lettuce.core.RedisCommandTimeoutException;
import io.zoolens.api.system.DependencyOutage.Dependency;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;

class DependencyOutageTests {

    @Test
    void aRedisCommandTimeOutFromTheSessionFilterIsASessionsOutage() {
        var timeout = new QueryTimeoutException("Redis command timed out", new RedisCommandTimeoutException("2s"));

        assertThat(DependencyOutage.of(new ServletException(timeout)))
                .hasValueSatisfying(outage -> assertThat(outage.dependency()).isEqualTo(Dependency.SESSIONS));
    }

    @Test
    void aLostRedisConnectionIsASessionsOutage() {
        assertThat(DependencyOutage.of(new RedisConnectionFailureException("refused")))
                .hasValueSatisfying(outage -> assertThat(outage.dependency()).isEqualTo(Dependency.SESSIONS));
    }

    @Test
    void noMongoServerInTimeIsADatabaseOutageTranslatedOrNot() {
        var raw = new MongoTimeoutException("Timed out while waiting for a server");

        assertThat(DependencyOutage.of(raw))
                .hasValueSatisfying(outage -> assertThat(outage.dependency()).isEqualTo(Dependency.DATABASE));
        assertThat(DependencyOutage.of(new DataAccessResourceFailureException("timed out", raw)))
                .hasValueSatisfying(outage -> assertThat(outage.dependency()).isEqualTo(Dependency.DATABASE));
    }

    @Test
    void aMongoConnectionLostInTheMiddleOfAReadIsADatabaseOutageEvenWhenWrapped() {
        var lost = new MongoSocketReadException("Prematurely reached end of stream", new ServerAddress());

        assertThat(DependencyOutage.of(new UncheckedIOException(new IOException(lost))))
                .hasValueSatisfying(outage -> assertThat(outage.dependency()).isEqualTo(Dependency.DATABASE));
    }

    @Test
    void otherFailuresAreNoOutage() {
        assertThat(DependencyOutage.of(new DuplicateKeyException("username taken")))
                .isEmpty();
        assertThat(DependencyOutage.of(new IllegalStateException("a bug"))).isEmpty();
    }

    @Test
    void theAnswerIs503ServiceUnavailableWithRetryAfterAndADetailForPeople() {
        ApiException problem = new DependencyOutage(Dependency.SESSIONS, new RuntimeException()).asProblem();

        assertThat(problem.problemType()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
        assertThat(problem.problemType().status().value()).isEqualTo(503);
        assertThat(problem.retryAfter()).isPositive();
        assertThat(problem.getMessage()).startsWith("Sign-in and sessions are unavailable right now");
    }
}
