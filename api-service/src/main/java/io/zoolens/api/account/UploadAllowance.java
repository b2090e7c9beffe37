package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import io.zoolens.api.system.RateLimitProperties;
import io.zoolens.api.system.RateLimiter;
import io.zoolens.api.system.RateLimiter.Decision;
import io.zoolens.api.system.RateLimiter.Limit;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Whether an upload may go ahead, asked before anything is stored: guests per address ({@code
 * guest-limit-reached}); accounts per address, per account a minute and a day ({@code rate-limited}), and their
 * storage quota ({@code storage-quota-exceeded}, {@link StorageQuota}). Every refusal is a 429 or 413 problem that
 * states the limit.
 */
@Component
public class UploadAllowance {

    private static final Admission NOTHING_RESERVED = () -> {};

    private final RateLimiter limiter;
    private final RateLimitProperties limits;
    private final StorageQuota quota;

    UploadAllowance(RateLimiter limiter, RateLimitProperties limits, StorageQuota quota) {
        this.limiter = limiter;
        this.limits = limits;
        this.quota = quota;
    }

    /**
     * Admits an upload of {@code bytes} by {@code owner} (null for a new visitor) from {@code client}, or refuses it.
     * Close the admission once the upload is stored or refused: it holds the upload's share of the quota.
     */
    public Admission admit(Owner owner, String client, long bytes) {
        if (owner == null || owner.guest()) {
            Limit limit = limits.guestUploadsPerClient();
            refuseOver(
                    limiter.hit("guest-upload:" + client, limit),
                    ProblemType.GUEST_LIMIT_REACHED,
                    limit,
                    guests(limit));
            return NOTHING_RESERVED;
        }
        refuseOver(
                limiter.hit("upload-client:" + client, limits.uploadsPerClient()),
                ProblemType.RATE_LIMITED,
                limits.uploadsPerClient(),
                "Too many uploads from this network address; try again in a moment.");
        refuseOver(
                limiter.hit("upload-account:" + owner.id(), limits.uploadsPerAccount()),
                ProblemType.RATE_LIMITED,
                limits.uploadsPerAccount(),
                "You can classify " + limits.uploadsPerAccount().max() + " pictures "
                        + per(limits.uploadsPerAccount().window()) + "; try again in a moment.");
        refuseOver(
                limiter.hit("upload-account-daily:" + owner.id(), limits.uploadsPerAccountDaily()),
                ProblemType.RATE_LIMITED,
                limits.uploadsPerAccountDaily(),
                "You can classify " + limits.uploadsPerAccountDaily().max() + " pictures "
                        + per(limits.uploadsPerAccountDaily().window()) + "; that many are done.");
        return quota.reserve(owner.id(), bytes);
    }

    private static void refuseOver(Decision decision, ProblemType type, Limit limit, String detail) {
        if (!decision.allowed()) {
            throw ApiException.overLimit(type, detail, limit, decision.retryAfter());
        }
    }

    /** "Guests can classify 30 pictures an hour from one network address. Sign up or sign in to classify more." */
    static String guests(Limit limit) {
        return "Guests can classify " + limit.max() + " pictures " + per(limit.window())
                + " from one network address. Sign up or sign in to classify more.";
    }

    /** "an hour", "a day", "every 10 minutes": a window as people say it. */
    static String per(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 86_400 == 0) {
            return seconds == 86_400 ? "a day" : "every " + seconds / 86_400 + " days";
        }
        if (seconds % 3_600 == 0) {
            return seconds == 3_600 ? "an hour" : "every " + seconds / 3_600 + " hours";
        }
        if (seconds % 60 == 0) {
            return seconds == 60 ? "a minute" : "every " + seconds / 60 + " minutes";
        }
        return seconds == 1 ? "a second" : "every " + seconds + " seconds";
    }

    /** An admitted upload; {@link #close()} releases what it reserved. */
    @FunctionalInterface
    public interface Admission extends AutoCloseable {
        @Override
        void close();
    }
}
