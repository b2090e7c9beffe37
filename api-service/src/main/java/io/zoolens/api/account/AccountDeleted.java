package io.zoolens.api.account;

/** An account is being removed; listeners remove what it owns (synchronously, before the user record). */
public record AccountDeleted(String userId) {}
