package io.zoolens.bench.scenario;

import io.zoolens.bench.Console;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;

/** Registers and signs in the accounts a gateway scenario uses, and counts what they had stored. */
final class ApiUsers {

    private ApiUsers() {}

    static List<ApiUser> register(URI gateway, SSLContext tls, HttpClient.Version version, int count, Duration timeout)
            throws InterruptedException {
        // unique per run: a rerun against the same stack never collides with earlier accounts
        String run = UUID.randomUUID().toString().substring(0, 6);
        // a few at a time: password hashing makes each registration and sign-in cost CPU time
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 4));
        try {
            List<Future<ApiUser>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String username = "bench-" + run + "-" + i;
                pending.add(pool.submit(() -> ApiUser.register(gateway, tls, version, username, timeout)));
            }
            List<ApiUser> users = new ArrayList<>();
            for (Future<ApiUser> user : pending) {
                users.add(user.get());
            }
            Console.log("registered and signed in %d users", count);
            return users;
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not register the benchmark users", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    static long accepted(List<ApiUser> users) {
        return users.stream().mapToLong(ApiUser::accepted).sum();
    }

    static long stored(List<ApiUser> users) throws InterruptedException {
        long stored = 0;
        for (ApiUser user : users) {
            stored += user.storedResults();
        }
        return stored;
    }
}
