package io.zoolens.api.account;

import io.zoolens.api.account.AccountRequests.UserResponse;
import java.util.List;

/**
 * {@code GET /api/auth/session}: who the request is and what it may do.
 *
 * @param user the signed-in account, or null
 * @param guest whether the request has a guest session (a visitor who uploaded without an account)
 * @param limits the limits that apply, the same for everyone
 * @param usage the account's items and stored bytes; null unless signed in
 */
record SessionResponse(UserResponse user, boolean guest, Limits limits, Usage usage) {

    record Limits(
            GuestUploads guestUploads,
            Upload upload,
            Window accountUploads,
            Window accountUploadsPerDay,
            long storageQuotaBytes) {}

    /** Per network address: everyone behind one NAT shares it. */
    record GuestUploads(int max, long windowSeconds, boolean perAddress) {}

    record Upload(long maxBytes, long maxPixels, List<String> allowedTypes) {}

    record Window(int max, long windowSeconds) {}

    record Usage(long items, long storedBytes, long quotaBytes) {}
}
