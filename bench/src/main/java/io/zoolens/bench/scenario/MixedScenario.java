package io.zoolens.bench.scenario;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.Console;
import io.zoolens.bench.load.Client;
import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.KindStats;
import io.zoolens.bench.load.LoadGenerator;
import io.zoolens.bench.load.LoadPlan;
import io.zoolens.bench.load.LoadResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.net.ssl.SSLContext;

/**
 * {@code make soak} (issue 8): a fixed number of mixed requests through the gateway over TLS, each client its own
 * signed-in account: sign-ins, uploads, history pages and feedback on classified results, in the configured mix.
 * Afterwards the stored results must equal the accepted uploads, and no answer may be a 5xx other than 503.
 */
public final class MixedScenario {

    public static final List<String> KINDS = List.of("sign-in", "upload", "history", "feedback");
    private static final int PAGE_SIZE = 20;

    /**
     * @param result every request, by kind
     * @param users accounts used
     * @param accepted uploads answered 201 or 202
     * @param stored results in the users' histories afterwards
     */
    public record Results(LoadResult result, int users, long accepted, long stored) {

        public long lost() {
            return accepted - stored;
        }

        public long serverErrorsOtherThan503() {
            return result.total().serverErrorsOtherThan503();
        }
    }

    private MixedScenario() {}

    public static Results run(URI gateway, SSLContext tls, List<TestImages.Photo> photos, BenchSettings settings)
            throws InterruptedException {
        BenchSettings.Soak config = settings.soak();
        List<PhotoUpload> uploads = photos.stream().map(PhotoUpload::form).toList();
        List<ApiUser> users = ApiUsers.register(
                gateway, tls, settings.stack().http(), config.concurrency(), settings.requestTimeout());
        KindPicker picker = new KindPicker(config.mix());
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            clients.add(new MixedClient(users.get(i), uploads, picker, new SplittableRandom(7919L * (i + 1)), i));
        }
        Console.log("soak: %d requests at c%d, mix %s", config.requests(), config.concurrency(), config.mix());
        LoadResult result = LoadGenerator.run(
                LoadPlan.counted("soak", config.requests(), Duration.ofHours(2), settings.honourRetryAfter()), clients);
        for (Map.Entry<String, KindStats> kind : result.kinds().entrySet()) {
            Console.log(
                    "soak %s: %d requests, %s, p50 %.0f ms, p99 %.0f ms",
                    kind.getKey(),
                    kind.getValue().count(),
                    kind.getValue().statusClasses(),
                    kind.getValue().successMillis(50),
                    kind.getValue().successMillis(99));
        }
        long accepted = ApiUsers.accepted(users);
        long stored = ApiUsers.stored(users);
        Console.log("soak: %d uploads accepted, %d results stored", accepted, stored);
        return new Results(result, users.size(), accepted, stored);
    }

    /** Chooses a kind of request by weight. */
    static final class KindPicker {

        private final List<String> kinds = new ArrayList<>();
        private final int[] cumulative;

        KindPicker(Map<String, Integer> weights) {
            int total = 0;
            List<Integer> sums = new ArrayList<>();
            for (Map.Entry<String, Integer> entry : weights.entrySet()) {
                String kind = entry.getKey().equals("signin") ? "sign-in" : entry.getKey();
                if (!KINDS.contains(kind)) {
                    throw new IllegalArgumentException(
                            "unknown kind " + entry.getKey() + " in bench.soak.mix " + KINDS);
                }
                if (entry.getValue() > 0) {
                    total += entry.getValue();
                    kinds.add(kind);
                    sums.add(total);
                }
            }
            if (total == 0) {
                throw new IllegalArgumentException("bench.soak.mix has no positive weight");
            }
            cumulative = sums.stream().mapToInt(Integer::intValue).toArray();
        }

        String pick(SplittableRandom random) {
            int roll = random.nextInt(cumulative[cumulative.length - 1]);
            for (int i = 0; i < cumulative.length; i++) {
                if (roll < cumulative[i]) {
                    return kinds.get(i);
                }
            }
            throw new IllegalStateException("unreachable");
        }
    }

    private static final class MixedClient implements Client {

        private final ApiUser user;
        private final List<PhotoUpload> uploads;
        private final KindPicker picker;
        private final SplittableRandom random;
        private int nextPhoto;

        MixedClient(ApiUser user, List<PhotoUpload> uploads, KindPicker picker, SplittableRandom random, int first) {
            this.user = user;
            this.uploads = uploads;
            this.picker = picker;
            this.random = random;
            this.nextPhoto = first;
        }

        @Override
        public Exchange send() throws InterruptedException {
            String kind = picker.pick(random);
            switch (kind) {
                case "sign-in":
                    return user.signIn();
                case "history":
                    long pages = Math.max(1, (user.accepted() + PAGE_SIZE - 1) / PAGE_SIZE);
                    return user.history((int) random.nextLong(pages), PAGE_SIZE);
                case "feedback":
                    // feedback needs a classified result; until the user has one it reads its history instead, so
                    // uploads keep their share of the mix
                    var id = user.anyClassified(random);
                    if (id.isPresent()) {
                        return user.feedback(id.get(), random.nextBoolean());
                    }
                    return user.history(0, PAGE_SIZE);
                default:
                    return upload();
            }
        }

        private Exchange upload() throws InterruptedException {
            return user.upload(uploads.get(nextPhoto++ % uploads.size()));
        }
    }
}
