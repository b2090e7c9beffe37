package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters, at most 72 bytes (bcrypt reads no
 * further), not one of about 30,000 common passwords (zxcvbn's list, see {@code common-passwords.txt}), not such
 * a password with digits or symbols appended, not a few characters repeated, not containing the username or
 * email. The same {@link #RULES} are shown to people before they type, checked live, and enforced at registration.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    /** Every rule, in the order people read them. */
    static final List<Rule> RULES = List.of(
            new Rule("min-length", "At least " + MIN_LENGTH + " characters"),
            new Rule("max-bytes", "At most " + MAX_BYTES + " bytes"),
            new Rule("not-common", "Not a common password"),
            new Rule("not-personal", "Must not contain your username or email"));

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    /**
     * Every rule the password breaks (empty when it is acceptable), each with a sentence saying what is wrong.
     * {@code username} and {@code email} may be null (a live check before they are typed).
     */
    List<Failure> failures(String password, String username, String email) {
        List<Failure> failures = new ArrayList<>();
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            failures.add(new Failure(rule("max-bytes"), "The password must be at most " + MAX_BYTES + " bytes."));
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            failures.add(
                    new Failure(rule("min-length"), "The password must have at least " + MIN_LENGTH + " characters."));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            failures.add(
                    new Failure(rule("not-common"), "This password is one of the most common ones; choose another."));
        } else if (lower.codePoints().distinct().count() < 4) {
            failures.add(new Failure(rule("not-common"), "The password repeats too few different characters."));
        }
        if (isPersonal(lower, username, email)) {
            failures.add(new Failure(rule("not-personal"), "The password must not contain the username or email."));
        }
        return failures;
    }

    /**
     * At registration: a 400 for an over-long password (as for any over-long field), else a 422 {@code
     * weak-password} whose detail names the first problem and whose {@code errors} list every broken rule.
     */
    void check(String password, String username, String email) {
        List<Failure> failures = failures(password, username, email);
        if (failures.isEmpty()) {
            return;
        }
        if (failures.get(0).rule().code().equals("max-bytes")) {
            throw ApiException.invalidField("password", "must be at most " + MAX_BYTES + " bytes");
        }
        List<RuleProblem> errors = failures.stream()
                .map(failure -> new RuleProblem("password", failure.rule().code(), failure.sentence()))
                .toList();
        throw new ApiException(ProblemType.WEAK_PASSWORD, failures.get(0).sentence(), Map.of("errors", errors), null);
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        // "password2024!" is as guessable as "password".
        String stem = lower.replaceAll("[^\\p{L}]+$", "");
        return stem.length() >= 4 && !stem.equals(lower) && common.contains(stem);
    }

    private static boolean isPersonal(String lower, String username, String email) {
        String name = username == null ? "" : User.key(username);
        String mail = email == null ? "" : User.key(email);
        return (name.length() >= 4 && lower.contains(name)) || (!mail.isEmpty() && lower.contains(mail));
    }

    private static Rule rule(String code) {
        return RULES.stream()
                .filter(rule -> rule.code().equals(code))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> load(String resource) {
        Set<String> passwords = new HashSet<>(40_000);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    passwords.add(line.trim().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return Set.copyOf(passwords);
    }

    /** One rule as people read it; {@code code} is stable for clients. */
    record Rule(String code, String text) {}

    /** A broken rule, with a sentence about this password. */
    record Failure(Rule rule, String sentence) {}

    /** One entry of a {@code weak-password} problem's {@code errors} list. */
    record RuleProblem(String field, String code, String message) {}
}
