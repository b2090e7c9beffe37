package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The per-account storage quota, checked before an upload is stored. Concurrent uploads of one account cannot
 * overshoot it together: each first reserves its size in Redis (shared by all replicas), then checks stored bytes
 * plus every reservation in flight against the quota, and releases its reservation once its item is stored (or
 * refused). An upload that finishes before another's check is counted by that check either as stored or as still
 * reserved, so the total never passes the quota. A reservation whose replica died lapses after
 * {@code zoolens.storage.reservation-lifetime} without uploads of that account.
 */
@Component
class StorageQuota {

    private static final String PREFIX = "zoolens:quota-reserved:";

    private static final RedisScript<Long> RESERVE = RedisScript.of("""
            local reserved = redis.call('INCRBY', KEYS[1], ARGV[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return reserved
            """, Long.class);

    private static final RedisScript<Long> RELEASE = RedisScript.of("""
            local reserved = redis.call('DECRBY', KEYS[1], ARGV[1])
            if reserved <= 0 then
              redis.call('DEL', KEYS[1])
            end
            return reserved
            """, Long.class);

    private final StringRedisTemplate redis;
    private final AccountUsage usage;
    private final StorageProperties settings;

    StorageQuota(StringRedisTemplate redis, AccountUsage usage, StorageProperties settings) {
        this.redis = redis;
        this.usage = usage;
        this.settings = settings;
    }

    long quotaBytes() {
        return settings.quotaPerAccount().toBytes();
    }

    /** Reserves {@code bytes} for an upload, or refuses with 413 {@code storage-quota-exceeded}. */
    UploadAllowance.Admission reserve(String userId, long bytes) {
        String key = PREFIX + userId;
        long reserved = redis.execute(
                RESERVE,
                List.of(key),
                Long.toString(bytes),
                Long.toString(settings.reservationLifetime().toMillis()));
        UploadAllowance.Admission reservation = () -> redis.execute(RELEASE, List.of(key), Long.toString(bytes));
        long used;
        try {
            used = usage.of(userId).storedBytes();
        } catch (RuntimeException e) {
            reservation.close();
            throw e;
        }
        if (used + reserved > quotaBytes()) {
            reservation.close();
            throw new ApiException(
                    ProblemType.STORAGE_QUOTA_EXCEEDED,
                    "This picture does not fit into your storage: " + size(used) + " of " + size(quotaBytes())
                            + " are in use. Delete some pictures to make room.",
                    Map.of("quotaBytes", quotaBytes(), "usedBytes", used),
                    null);
        }
        return reservation;
    }

    private static String size(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        return mib >= 1024
                ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
                : String.format(Locale.ROOT, "%.1f MiB", mib);
    }
}
