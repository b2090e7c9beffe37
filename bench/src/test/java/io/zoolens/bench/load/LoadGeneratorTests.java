package io.zoolens.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real (tiny) HTTP server that answers every third request with 503. */
class LoadGeneratorTests {

    private final AtomicInteger served = new AtomicInteger();
    private HttpServer server;
    private URI uri;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int n = served.incrementAndGet();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (n % 3 == 0) {
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(503, -1);
            } else {
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        // the client's first connection can take long on a busy machine: not what these tests are about
        try {
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        served.set(0);
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aCountedRunSendsExactlyThatManyRequestsAndCountsEveryAnswer() throws InterruptedException {
        LoadResult result =
                LoadGenerator.run(LoadPlan.counted("counted", 60, Duration.ofMinutes(1), false), clients(4));

        assertThat(result.concurrency()).isEqualTo(4);
        assertThat(result.total().count()).isEqualTo(60);
        assertThat(served.get()).isEqualTo(60);
        assertThat(result.total().shed()).isEqualTo(20);
        assertThat(result.total().shedWithRetryAfter()).isEqualTo(20);
        assertThat(result.total().successes()).isEqualTo(40);
        assertThat(result.total().errors()).isZero();
        assertThat(result.successPerSecond()).isPositive();
        assertThat(result.firstMillis()).isPositive();
    }

    @Test
    void aTimedRunCountsOnlyWhatCompletesAfterTheWarmUp() throws InterruptedException {
        LoadResult result = LoadGenerator.run(
                LoadPlan.timed("timed", Duration.ofMillis(300), Duration.ofMillis(1000), false), clients(2));

        assertThat(result.total().count()).isPositive().isLessThan(served.get());
        assertThat(result.window()).isLessThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void clientsHonouringRetryAfterWaitBeforeTheirNextRequest() throws InterruptedException {
        // every third answer asks for a one-second pause: in 1.5 s one client sees at most two of them, where a
        // client ignoring them would send hundreds of requests
        LoadResult result =
                LoadGenerator.run(LoadPlan.timed("polite", Duration.ZERO, Duration.ofMillis(1500), true), clients(1));

        assertThat(result.total().shed()).isBetween(1L, 2L);
        assertThat(result.total().count()).isLessThanOrEqualTo(6);
    }

    @Test
    void aRefusedConnectionCountsAsAnErrorWithoutAnAnswer() throws InterruptedException {
        server.stop(0);
        LoadResult result = LoadGenerator.run(LoadPlan.counted("down", 3, Duration.ofSeconds(30), false), clients(1));

        assertThat(result.total().status(Exchange.NO_ANSWER)).isEqualTo(3);
        assertThat(result.total().errors()).isEqualTo(3);
        assertThat(result.total().failures()).containsKey("ConnectException");
    }

    @Test
    void aBrokenClientFailsTheRun() {
        List<Client> broken = List.of(() -> {
            throw new IllegalStateException("bug in a scenario");
        });

        assertThatThrownBy(() -> LoadGenerator.run(LoadPlan.counted("broken", 1, Duration.ofSeconds(5), false), broken))
                .isInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("bug in a scenario");
    }

    private List<Client> clients(int count) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            clients.add(() -> Exchange.attempt(
                    "get",
                    () -> http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())));
        }
        return clients;
    }
}
