package io.zoolens.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer a fault test received, for the assertions every fault shares (no 500, no stack trace, 503s are
 * problem+json with a stable type) and for the figures docs/reliability.md reports. Thread-safe.
 */
final class Answers {

    /** Frames, exception class names, "Caused by": anything that shows a stack trace or the code behind it. */
    private static final Pattern INTERNALS =
            Pattern.compile("(?s).*(\\tat |\\bat [a-z][\\w$]*\\.[\\w.$]+\\(|Exception|Caused by|java\\.).*");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SERVICE_UNAVAILABLE = "https://zoolens.io/problems/service-unavailable";

    /** One answer: what was asked, its status, body, content type, Retry-After and request id. */
    record Answer(
            String request,
            int status,
            String body,
            String contentType,
            String retryAfter,
            String requestId,
            long receivedAtNanos) {

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String problemType() {
            return contentType.startsWith("application/problem+json")
                    ? json().path("type").asString()
                    : "";
        }
    }

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    /** All answers of several parts of a test, for its figures. */
    static Answers of(Answers... parts) {
        Answers all = new Answers();
        for (Answers part : parts) {
            all.answers.addAll(part.answers);
        }
        return all;
    }

    /** Records the answer and hands it back. */
    Answer add(String request, HttpResponse<String> response) {
        Answer answer = new Answer(
                request,
                response.statusCode(),
                response.body() == null ? "" : response.body(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Retry-After").orElse(null),
                response.headers().firstValue("X-Request-Id").orElse(""),
                System.nanoTime());
        answers.add(answer);
        return answer;
    }

    /** A request that got no answer at all (connection reset, time-out): counted with status 0. */
    void addNoAnswer(String request, Exception failure) {
        answers.add(new Answer(request, 0, String.valueOf(failure), "", null, "", System.nanoTime()));
    }

    List<Answer> all() {
        return List.copyOf(answers);
    }

    List<Answer> matching(Predicate<Answer> filter) {
        return answers.stream().filter(filter).toList();
    }

    int count() {
        return answers.size();
    }

    /** Counts by status code, e.g. {@code {201=40, 202=12, 503=6}}. */
    Map<Integer, Long> byStatus() {
        Map<Integer, Long> counts = new TreeMap<>();
        answers.forEach(answer -> counts.merge(answer.status(), 1L, Long::sum));
        return counts;
    }

    /** The shared promises: no 500 (nor any 5xx but 503), no stack trace or class name in any body. */
    void assertNoServerErrorsAndNoInternals() {
        assertThat(matching(a -> a.status() >= 500 && a.status() != 503))
                .as("5xx answers other than 503")
                .isEmpty();
        assertThat(matching(a -> INTERNALS.matcher(a.body()).matches()))
                .as("answers showing internals")
                .isEmpty();
    }

    /** Every 503 is the api's problem+json {@code service-unavailable} with Retry-After. */
    void assertUnavailableAnswersAreServiceUnavailableProblems() {
        for (Answer answer : matching(a -> a.status() == 503)) {
            assertThat(answer.contentType()).as(answer.toString()).startsWith("application/problem+json");
            assertThat(answer.problemType()).as(answer.toString()).isEqualTo(SERVICE_UNAVAILABLE);
            assertThat(answer.retryAfter()).as(answer.toString()).isNotBlank();
            assertThat(answer.json().path("detail").asString())
                    .as(answer.toString())
                    .isNotBlank();
        }
    }
}
