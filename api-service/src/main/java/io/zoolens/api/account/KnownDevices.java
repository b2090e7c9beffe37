package io.zoolens.api.account;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Browsers that signed in to an account before (OWASP's "device cookie"): a random id in the HttpOnly cookie
 * {@value #COOKIE}, sent only to {@code /api/auth}, and in Redis the SHA-256 of that id per account it signed in to,
 * for {@code zoolens.login-throttle.known-device-lifetime}. Only the owner can make a browser known to an account
 * (it takes the right password), so an attacker from fresh addresses never has one: {@link LoginThrottle} keeps its
 * per-account budget for unknown devices and lets known ones through.
 */
@Component
class KnownDevices {

    static final String COOKIE = "DEVICE";
    private static final String PREFIX = "zoolens:device:";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties settings;
    private final SecureRandom random = new SecureRandom();

    KnownDevices(StringRedisTemplate redis, LoginThrottleProperties settings) {
        this.redis = redis;
        this.settings = settings;
    }

    /** Whether the browser of this request signed in to the account before. */
    boolean isKnown(HttpServletRequest request, String accountKey) {
        String device = deviceId(request);
        return device != null && Boolean.TRUE.equals(redis.hasKey(key(accountKey, device)));
    }

    /** After a successful sign-in or registration: this browser is known to the account from now on. */
    void remember(HttpServletRequest request, HttpServletResponse response, String userId) {
        String device = deviceId(request);
        if (device == null) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            device = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        redis.opsForValue().set(key(userId, device), "1", settings.knownDeviceLifetime());
        ResponseCookie cookie = ResponseCookie.from(COOKIE, device)
                .path("/api/auth")
                .maxAge(settings.knownDeviceLifetime())
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static String deviceId(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(COOKIE)
                    && WELL_FORMED.matcher(cookie.getValue()).matches()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Only the digest is stored: whoever reads Redis cannot make a cookie from it. */
    private static String key(String accountKey, String device) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(device.getBytes(StandardCharsets.US_ASCII));
            return PREFIX + accountKey + ":" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
