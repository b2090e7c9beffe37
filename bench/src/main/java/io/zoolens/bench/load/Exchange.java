package io.zoolens.bench.load;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * One request as the load generator counts it.
 *
 * @param kind what was asked for ({@code classify}, {@code upload}, {@code history}, ...)
 * @param status the HTTP status, or {@link #NO_ANSWER} when none came (connection refused, reset, time-out)
 * @param retryAfter whether the answer carried a {@code Retry-After} header
 * @param retryAfterSeconds its value in seconds (0 when absent or not a number)
 * @param failure the exception's class when there was no answer, else null
 */
public record Exchange(String kind, int status, boolean retryAfter, long retryAfterSeconds, String failure) {

    public static final int NO_ANSWER = 0;

    /** A request that may fail with an I/O error, which then counts as {@link #NO_ANSWER}. */
    @FunctionalInterface
    public interface HttpCall {
        HttpResponse<?> send() throws IOException, InterruptedException;
    }

    public static Exchange attempt(String kind, HttpCall call) throws InterruptedException {
        try {
            return answered(kind, call.send());
        } catch (IOException e) {
            return failed(kind, e);
        }
    }

    public static Exchange answered(String kind, HttpResponse<?> response) {
        Optional<String> retryAfter = response.headers().firstValue("Retry-After");
        return new Exchange(
                kind,
                response.statusCode(),
                retryAfter.isPresent(),
                retryAfter.map(Exchange::seconds).orElse(0L),
                null);
    }

    public static Exchange failed(String kind, Exception e) {
        return new Exchange(kind, NO_ANSWER, false, 0, e.getClass().getSimpleName());
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    /** Refused for load (503), which the benchmarks count apart from errors. */
    public boolean shed() {
        return status == 503;
    }

    public boolean error() {
        return !success() && !shed();
    }

    /** Retry-After in seconds; an HTTP date (which our services never send) counts as one second. */
    static long seconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
