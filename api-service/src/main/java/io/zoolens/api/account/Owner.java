package io.zoolens.api.account;

/**
 * Whoever owns the data of a request: an account (its id) or a guest (a random id kept in the guest's
 * session, moved to the account when the guest registers or signs in).
 */
public record Owner(String id, boolean guest) {}
