package io.zoolens.bench.scenario;

import io.zoolens.bench.BenchSettings;
import io.zoolens.bench.Console;
import io.zoolens.bench.load.Exchange;
import io.zoolens.bench.load.LoadGenerator;
import io.zoolens.bench.load.LoadPlan;
import io.zoolens.bench.load.LoadResult;
import io.zoolens.bench.system.MachineInfo;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;

/**
 * Custom models end to end through the gateway over TLS, as a user does it (issue 14's T11–T13): sign up, make one
 * album per class, upload labelled pictures into them (each upload is also classified by the default model, as
 * every upload is), create the model, {@code POST} a training and follow it until it ends.
 *
 * <ol>
 *   <li>T11: {@code classes × perClass} pictures, nothing cached (a new account): upload start → SUCCEEDED, and
 *       POST → SUCCEEDED.
 *   <li>T13: the default model's uploads by {@code loadConcurrency} clients for a window without any training,
 *       then for a window while the next training computes features.
 *   <li>T12: a {@code classes × largePerClass}-picture model of another new account is built (the training T13
 *       measures beside), then {@code added} new pictures are uploaded into its albums and it is retrained:
 *       POST → SUCCEEDED.
 * </ol>
 */
public final class TrainingScenario {

    /** Seed of the pictures drawn from Fashion-MNIST (the one bench/training and model-training use). */
    public static final long SEED = 14;

    /**
     * One model trained through the api.
     *
     * @param name what it is in the report
     * @param classes albums
     * @param pictures pictures in its albums when it was trained
     * @param newPictures of those, pictures no earlier training of the account had seen
     * @param uploads first upload sent → last upload answered, for the pictures uploaded for this training
     * @param fromFirstUpload first of those uploads sent → the training seen ended; null without uploads
     * @param training the training itself
     * @param accuracy the new version's cross-validated accuracy (0–1), null when unknown
     * @param method how it was cross-validated ({@code stratified 5-fold}, {@code leave-one-out})
     */
    public record TrainedModel(
            String name,
            int classes,
            int pictures,
            int newPictures,
            Duration uploads,
            Duration fromFirstUpload,
            TrainingTimeline training,
            Double accuracy,
            String method) {}

    /**
     * T13: the default model's uploads without and during a training, the same clients, photos and window.
     *
     * @param without the window with no training anywhere on the stack
     * @param during the window started once the training ran
     * @param trainingThroughout whether the training still ran when the window ended (else the window is not all
     *     "during")
     */
    public record Interference(LoadResult without, LoadResult during, boolean trainingThroughout) {

        /** p99 during ÷ p99 without; NaN when a window had no successful upload. */
        public double p99Ratio() {
            double base = without.total().successMillis(99);
            double loaded = during.total().successMillis(99);
            return base > 0 && !Double.isNaN(base) && !Double.isNaN(loaded) ? loaded / base : Double.NaN;
        }
    }

    /**
     * What the scenario measured; {@code skipped} says why it did not run (then every part is null).
     *
     * @param started when it started
     * @param took how long it took
     * @param loadAtStart the machine's load average at the start
     * @param loadAtEnd and at the end
     * @param settings the settings it ran with
     */
    public record Results(
            String skipped,
            Instant started,
            Duration took,
            String loadAtStart,
            String loadAtEnd,
            BenchSettings.TrainingApi settings,
            TrainedModel fromScratch,
            TrainedModel large,
            TrainedModel retrained,
            Interference interference) {

        static Results skipped(String why, BenchSettings.TrainingApi settings) {
            return new Results(why, Instant.now(), Duration.ZERO, null, null, settings, null, null, null, null);
        }

        /** Every training succeeded and both load windows had successful uploads. */
        public boolean complete() {
            return skipped == null
                    && fromScratch.training().succeeded()
                    && large.training().succeeded()
                    && retrained.training().succeeded()
                    && interference.without().total().successes() > 0
                    && interference.during().total().successes() > 0;
        }
    }

    private TrainingScenario() {}

    public static Results run(URI gateway, SSLContext tls, List<TestImages.Photo> photos, BenchSettings settings)
            throws InterruptedException {
        BenchSettings.TrainingApi config = settings.trainingApi();
        if (!TrainingPictures.installed()) {
            String why = "Fashion-MNIST is not installed (" + TrainingPictures.DATASET
                    + "; scripts/prerequisites.sh installs Debian's dataset-fashion-mnist)";
            Console.log("custom models end to end: skipped: %s", why);
            return Results.skipped(why, config);
        }
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        String loadAtStart = MachineInfo.current().loadAverage();
        int perClassNeeded = config.perClass() + config.largePerClass() + addedPerClass(config);
        TrainingPictures pictures = TrainingPictures.load(config.classes(), perClassNeeded, SEED);
        Console.log(
                "custom models end to end: %d Fashion-MNIST pictures per class, %d classes (load average %s)",
                perClassNeeded, config.classes(), loadAtStart);

        // Every account first: registrations hash passwords, which must not fall into a measured span.
        List<ApiUser> accounts = ApiUsers.register(
                gateway, tls, settings.stack().http(), 2 + config.loadConcurrency(), settings.requestTimeout());
        ApiUser scratchUser = accounts.get(0);
        ApiUser largeUser = accounts.get(1);
        List<ApiUser> loadUsers = accounts.subList(2, accounts.size());

        // T11
        List<String> scratchAlbums = albums(scratchUser, config.classes());
        Uploads scratchUploads =
                upload(scratchUser, scratchAlbums, pictures, 0, config.perClass(), config.uploadConcurrency());
        String scratchModel = scratchUser.createCustomModel("T11 from scratch", scratchAlbums);
        TrainingWatch scratchTraining = TrainingWatch.start(scratchUser, scratchModel, config.poll(), config.timeout());
        TrainedModel fromScratch = trained(
                "from scratch",
                scratchUser,
                scratchModel,
                config.classes(),
                config.classes() * config.perClass(),
                config.classes() * config.perClass(),
                scratchUploads,
                scratchTraining);

        // T12's larger model, built while T13 measures beside it
        List<String> largeAlbums = albums(largeUser, config.classes());
        Uploads largeUploads = upload(
                largeUser,
                largeAlbums,
                pictures,
                config.perClass(),
                config.perClass() + config.largePerClass(),
                config.uploadConcurrency());
        String largeModel = largeUser.createCustomModel("T12 larger model", largeAlbums);
        List<PhotoUpload> defaultUploads =
                photos.stream().map(PhotoUpload::form).toList();
        LoadPlan withoutPlan = LoadPlan.timed(
                "without-training", config.loadWarmUp(), config.loadDuration(), settings.honourRetryAfter());
        LoadResult without = LoadGenerator.run(
                withoutPlan, StackScenario.clients(loadUsers, defaultUploads, config.loadConcurrency()));
        printWindow("T13 without a training", without);
        TrainingWatch largeTraining = TrainingWatch.start(largeUser, largeModel, config.poll(), config.timeout());
        largeTraining.awaitRunning();
        LoadResult during = LoadGenerator.run(
                LoadPlan.timed(
                        "during-training", config.loadWarmUp(), config.loadDuration(), settings.honourRetryAfter()),
                StackScenario.clients(loadUsers, defaultUploads, config.loadConcurrency()));
        boolean throughout = !TrainingTimeline.ENDED.contains(largeTraining.state());
        printWindow("T13 during the training" + (throughout ? "" : " (it ended before the window did)"), during);
        int largePictures = config.classes() * config.largePerClass();
        TrainedModel large = trained(
                "larger model (T13's load beside it for "
                        + seconds(config.loadWarmUp().plus(config.loadDuration())) + ")",
                largeUser,
                largeModel,
                config.classes(),
                largePictures,
                largePictures,
                largeUploads,
                largeTraining);

        // T12: a few new pictures, retrained
        int from = config.perClass() + config.largePerClass();
        Uploads addedUploads = uploadAdded(largeUser, largeAlbums, pictures, from, config);
        TrainingWatch retraining = TrainingWatch.start(largeUser, largeModel, config.poll(), config.timeout());
        TrainedModel retrained = trained(
                "retrained after " + config.added() + " new pictures",
                largeUser,
                largeModel,
                config.classes(),
                largePictures + config.added(),
                config.added(),
                addedUploads,
                retraining);

        String loadAtEnd = MachineInfo.current().loadAverage();
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        Console.log("custom models end to end: done in %s (load average %s)", seconds(took), loadAtEnd);
        return new Results(
                null,
                started,
                took,
                loadAtStart,
                loadAtEnd,
                config,
                fromScratch,
                large,
                retrained,
                new Interference(without, during, throughout));
    }

    /** Pictures of {@code added} spread over the classes: how many the fullest class gets. */
    static int addedPerClass(BenchSettings.TrainingApi config) {
        return (config.added() + config.classes() - 1) / config.classes();
    }

    /** Class {@code i} of {@code added} new pictures, round robin: picture k goes to class k mod classes. */
    static int addedTo(int k, int classes) {
        return k % classes;
    }

    private static List<String> albums(ApiUser user, int classes) throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            ids.add(user.createAlbum(TrainingPictures.LABELS.get(c)));
        }
        return ids;
    }

    /** Uploads that filled albums: when the first was sent and the last answered. */
    record Uploads(int count, long firstSent, long lastAnswered) {

        Duration span() {
            return Duration.ofNanos(lastAnswered - firstSent);
        }
    }

    /** Pictures {@code from}..{@code to} of every class into its album, {@code concurrency} at a time. */
    private static Uploads upload(
            ApiUser user, List<String> albums, TrainingPictures pictures, int from, int to, int concurrency)
            throws InterruptedException {
        List<PhotoUpload> forms = new ArrayList<>();
        // class by class in turn, as a user sorting a mixed pile would, and so every album fills at the same pace
        for (int i = from; i < to; i++) {
            for (int c = 0; c < albums.size(); c++) {
                forms.add(PhotoUpload.form(pictures.slice(c, i, i + 1).get(0), albums.get(c)));
            }
        }
        return send(user, forms, concurrency);
    }

    private static Uploads uploadAdded(
            ApiUser user, List<String> albums, TrainingPictures pictures, int from, BenchSettings.TrainingApi config)
            throws InterruptedException {
        int[] next = new int[albums.size()];
        List<PhotoUpload> forms = new ArrayList<>();
        for (int k = 0; k < config.added(); k++) {
            int c = addedTo(k, albums.size());
            int i = from + next[c]++;
            forms.add(PhotoUpload.form(pictures.slice(c, i, i + 1).get(0), albums.get(c)));
        }
        return send(user, forms, config.uploadConcurrency());
    }

    private static Uploads send(ApiUser user, List<PhotoUpload> forms, int concurrency) throws InterruptedException {
        AtomicLong lastAnswered = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long firstSent = System.nanoTime();
        try {
            List<Future<Exchange>> pending = new ArrayList<>();
            for (PhotoUpload form : forms) {
                pending.add(pool.submit(() -> {
                    Exchange answer = user.upload(form);
                    lastAnswered.accumulateAndGet(System.nanoTime(), Math::max);
                    return answer;
                }));
            }
            for (Future<Exchange> upload : pending) {
                Exchange answer = upload.get();
                if (!answer.success()) {
                    throw new IllegalStateException("an upload into an album answered "
                            + (answer.status() == Exchange.NO_ANSWER ? answer.failure() : answer.status()));
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("an upload into an album failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        Uploads uploads = new Uploads(forms.size(), firstSent, lastAnswered.get());
        Console.log(
                "custom models: %d pictures uploaded into %s's albums in %s",
                forms.size(), user.username(), seconds(uploads.span()));
        return uploads;
    }

    private static TrainedModel trained(
            String name,
            ApiUser user,
            String modelId,
            int classes,
            int pictures,
            int newPictures,
            Uploads uploads,
            TrainingWatch watch)
            throws InterruptedException {
        TrainingTimeline timeline = watch.await();
        Double accuracy = null;
        String method = null;
        if (timeline.succeeded()) {
            for (JsonNode version : user.customModel(modelId).path("versions")) {
                if (version.path("version").asString("").equals(watch.version())) {
                    JsonNode metrics = version.path("metrics");
                    accuracy = metrics.path("accuracy").isNumber()
                            ? metrics.path("accuracy").asDouble()
                            : null;
                    method = metrics.path("method").asString(null);
                }
            }
        }
        Duration fromFirstUpload = timeline.total() == null
                ? null
                : Duration.ofNanos(watch.postNanos() - uploads.firstSent()).plus(timeline.total());
        Console.log(
                "custom models: %s: %s, POST → end %s, first upload → end %s, accuracy %s",
                name,
                timeline.state() + (timeline.error() == null ? "" : " (" + timeline.error() + ")"),
                timeline.total() == null ? "–" : seconds(timeline.total()),
                fromFirstUpload == null ? "–" : seconds(fromFirstUpload),
                accuracy == null ? "–" : String.format(Locale.ROOT, "%.1f%%", 100 * accuracy));
        return new TrainedModel(
                name, classes, pictures, newPictures, uploads.span(), fromFirstUpload, timeline, accuracy, method);
    }

    private static void printWindow(String what, LoadResult result) {
        Console.log(
                "%s: %.2f uploads/s, p50 %.0f ms, p99 %.0f ms, %d errors, %d 503",
                what,
                result.successPerSecond(),
                result.total().successMillis(50),
                result.total().successMillis(99),
                result.total().errors(),
                result.total().shed());
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
