package io.zoolens.api.account;

/** A guest registered or signed in within the session that owns {@code guestId}'s items. */
public record GuestSignedIn(String guestId, String userId) {}
