package io.zoolens.api.account;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much an account may keep ({@code zoolens.storage.*}; {@code ZOOLENS_STORAGE_QUOTA_PER_ACCOUNT}).
 *
 * @param quotaPerAccount the original images' bytes an account may have stored (every classification counts its
 *     original, also when the same picture was uploaded before)
 * @param reservationLifetime how long an upload's reservation against the quota lives if its replica dies before
 *     releasing it; longer than any upload takes
 */
@ConfigurationProperties("zoolens.storage")
public record StorageProperties(
        @DefaultValue("2GB") DataSize quotaPerAccount,
        @DefaultValue("5m") java.time.Duration reservationLifetime) {}
