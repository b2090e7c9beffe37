package io.zoolens.bench.scenario;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.Console;
import io.zoolens.bench.load.Client;
import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.LoadGenerator;
import io.zoolens.bench.load.LoadPlan;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.load.RunSummary;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * Scenario (3): the whole stack through Nginx over TLS. Signed-in users upload the real photos ({@code POST
 * /api/classifications}, as forms or with the photo as the body) at the configured concurrency; afterwards every user's history is counted, and
 * the stored results must equal the accepted (201 and 202) uploads, warm-up included.
 */
public final class StackScenario {

    /**
     * @param runs the measured runs
     * @param users accounts used
     * @param accepted uploads answered 201 or 202, over the whole scenario (warm-up included)
     * @param stored results in the users' histories afterwards
     */
    public record Results(List<LoadResult> runs, int users, long accepted, long stored) {

        public RunSummary summary() {
            return RunSummary.of("c" + runs.get(0).concurrency(), runs);
        }

        public long lost() {
            return accepted - stored;
        }
    }

    private StackScenario() {}

    /** The photos sent as {@code sending} makes them (form or body). */
    public static Results run(
            URI gateway,
            SSLContext tls,
            List<TestImages.Photo> photos,
            Function<TestImages.Photo, PhotoUpload> sending,
            BenchSettings settings)
            throws InterruptedException {
        BenchSettings.Stack config = settings.stack();
        List<PhotoUpload> uploads = photos.stream().map(sending).toList();
        List<ApiUser> users = ApiUsers.register(gateway, tls, config.http(), config.users(), settings.requestTimeout());

        Console.log("stack: warm-up %ds at c%d", config.warmUp().toSeconds(), config.concurrency());
        LoadGenerator.run(
                LoadPlan.timed("stack-warm-up", config.warmUp(), Duration.ZERO, settings.honourRetryAfter()),
                clients(users, uploads, config.concurrency()));
        List<LoadResult> runs = new ArrayList<>();
        for (int round = 1; round <= settings.runs(); round++) {
            LoadResult result = LoadGenerator.run(
                    LoadPlan.timed(
                            "stack-c" + config.concurrency(),
                            settings.warmUp(),
                            config.duration(),
                            settings.honourRetryAfter()),
                    clients(users, uploads, config.concurrency()));
            runs.add(result);
            ClassifierScenario.print("stack c" + config.concurrency(), round, settings.runs(), result);
        }
        long accepted = ApiUsers.accepted(users);
        long stored = ApiUsers.stored(users);
        Console.log("stack: %d uploads accepted, %d results stored", accepted, stored);
        return new Results(runs, users.size(), accepted, stored);
    }

    /** Client i uploads as user i (mod users), starting at photo i. */
    static List<Client> clients(List<ApiUser> users, List<PhotoUpload> uploads, int count) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ApiUser user = users.get(i % users.size());
            int first = i;
            clients.add(new Client() {
                private int next = first;

                @Override
                public Exchange send() throws InterruptedException {
                    return user.upload(uploads.get(next++ % uploads.size()));
                }
            });
        }
        return clients;
    }
}
