package io.zoolens.bench.system;

import io.zoolens.stackharness.NativeStack;
import io.zoolens.stackharness.StackSettings;
import io.zoolens.stackharness.TrustedCertificate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * The whole native stack for a benchmark, started by the shared stack harness ({@code stack-harness/}: the same
 * {@code scripts/stack/up.sh} as {@code make up}, free ports, its own var folder, stopped also when the harness is
 * interrupted).
 *
 * <p>Differences from a production start. Every request of a benchmark comes from one address (127.0.0.1): the
 * api's per-client limits on sign-ins, registrations and uploads, and the gateway's rate limit on {@code /api/auth}
 * POSTs, are raised. Load runs and the custom-model scenario upload faster than a person (hundreds of pictures a
 * minute into one account): the per-account upload allowances (60 a minute, 1,000 a day) are raised too. The stack
 * serves a copy of the default model in its own folder, so the custom models trained through it never land in the
 * repository's {@code models/}. The SPA is a one-page stub, so the benchmark does not build the frontend.
 */
public final class BenchStack implements AutoCloseable {

    private final NativeStack stack;

    private BenchStack(NativeStack stack) {
        this.stack = stack;
    }

    /** Starts a fresh stack (empty databases) and waits until every service is ready. */
    public static BenchStack start(Path repoDir, Path varDir) {
        Path spa = writeSpaStub(varDir.resolveSibling(varDir.getFileName() + "-spa"));
        StackSettings settings = new StackSettings(
                Map.of(
                        "ZOOLENS_SPA_ROOT", spa.toString(),
                        "ZOOLENS_RATELIMIT_LOGINATTEMPTSPERCLIENT_MAX", "1000000",
                        "ZOOLENS_RATELIMIT_REGISTRATIONSPERCLIENT_MAX", "1000000",
                        "ZOOLENS_RATELIMIT_GUESTUPLOADSPERCLIENT_MAX", "1000000",
                        "ZOOLENS_RATELIMIT_UPLOADSPERCLIENT_MAX", "1000000",
                        "ZOOLENS_RATELIMIT_UPLOADSPERACCOUNT_MAX", "1000000",
                        "ZOOLENS_RATELIMIT_UPLOADSPERACCOUNTDAILY_MAX", "1000000",
                        "ZOOLENS_AUTH_RATE_LIMIT", "10000r/s",
                        "ZOOLENS_AUTH_BURST", "10000"),
                true);
        return new BenchStack(NativeStack.start(repoDir, varDir, settings));
    }

    public URI gateway() {
        return stack.https("");
    }

    /** The stack's classifier directly (internal port, plain HTTP). */
    public URI classifier() {
        return stack.classifier("");
    }

    /** TLS trusting exactly the self-signed certificate the gateway presents. */
    public SSLContext tls() {
        return TrustedCertificate.sslContext(stack.certificate());
    }

    /** Every running service to watch for memory; Nginx with its workers. */
    public List<MemorySampler.Watched> watched() {
        List<MemorySampler.Watched> watched = new ArrayList<>();
        for (String service : NativeStack.SERVICES) {
            stack.running(service)
                    .ifPresent(process -> watched.add(new MemorySampler.Watched(
                            service.equals("classifier") ? "classifier (in the stack)" : service,
                            process.pid(),
                            service.equals("gateway"))));
        }
        return watched;
    }

    @Override
    public void close() {
        stack.close();
    }

    private static Path writeSpaStub(Path spa) {
        try {
            Files.createDirectories(spa);
            Files.writeString(
                    spa.resolve("index.html"),
                    "<!doctype html><title>Zoolens benchmark stack</title><p>The SPA is not built for benchmarks.\n");
            return spa;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
