package io.zoolens.api.account;

import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters, at most 72 bytes (bcrypt reads no
 * further), not one of about 30,000 common passwords (zxcvbn's list, see {@code common-passwords.txt}), not such
 * a password with digits or symbols appended, not the username or email.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_BYTES = 72;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load("common-passwords.txt");
    }

    /** Throws a 422 {@code weak-password} (or a 400 for an over-long one) naming what is wrong. */
    void check(String password, String username, String email) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ApiException.invalidField("password", "must be at most " + MAX_BYTES + " bytes");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw weak("The password must have at least " + MIN_LENGTH + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            throw weak("This password is one of the most common ones; choose another.");
        }
        if (lower.codePoints().distinct().count() < 4) {
            throw weak("The password repeats too few different characters.");
        }
        String name = User.key(username);
        if ((name.length() >= 4 && lower.contains(name)) || lower.contains(User.key(email))) {
            throw weak("The password must not contain the username or email.");
        }
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        // "password2024!" is as guessable as "password".
        String stem = lower.replaceAll("[^\\p{L}]+$", "");
        return stem.length() >= 4 && !stem.equals(lower) && common.contains(stem);
    }

    private static ApiException weak(String detail) {
        return new ApiException(ProblemType.WEAK_PASSWORD, detail);
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
}
