package io.zoolens.api.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.AccountRequests.UserResponse;
import io.zoolens.api.account.SessionResponse.GuestUploads;
import io.zoolens.api.account.SessionResponse.Limits;
import io.zoolens.api.account.SessionResponse.Upload;
import io.zoolens.api.account.SessionResponse.Usage;
import io.zoolens.api.account.SessionResponse.Window;
import io.zoolens.api.system.RateLimitProperties;
import io.zoolens.api.system.RateLimiter.Limit;
import io.zoolens.image.ImageDecoder;
import io.zoolens.image.ImageFormat;
import io.zoolens.image.ImageLimits;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The session state a client shows: always 200 (a guest is an answer, not an error), never creates a session, needs
 * no CSRF token. The upload limits come from the image decoder the uploads use, so they cannot disagree.
 */
@RestController
@RequestMapping("/api/auth")
@Tag(name = "accounts")
class SessionController {

    private final CurrentOwner currentOwner;
    private final UserRepository users;
    private final AccountUsage usage;
    private final long quotaBytes;
    private final Limits limits;

    SessionController(
            CurrentOwner currentOwner,
            UserRepository users,
            AccountUsage usage,
            StorageQuota quota,
            RateLimitProperties rateLimits,
            ImageDecoder decoder) {
        this.currentOwner = currentOwner;
        this.users = users;
        this.usage = usage;
        this.quotaBytes = quota.quotaBytes();
        ImageLimits images = decoder.limits();
        Limit guests = rateLimits.guestUploadsPerClient();
        this.limits = new Limits(
                new GuestUploads(guests.max(), guests.window().toSeconds(), true),
                new Upload(
                        images.maxBytes(),
                        images.maxPixels(),
                        images.allowedFormats().stream()
                                .map(ImageFormat::mediaType)
                                .toList()),
                window(rateLimits.uploadsPerAccount()),
                window(rateLimits.uploadsPerAccountDaily()),
                quotaBytes);
    }

    @GetMapping("/session")
    @Operation(summary = "Who this is (account or null, guest or not), the limits and the account's usage; always 200")
    SessionResponse session(HttpServletRequest request) {
        Optional<Owner> owner = currentOwner.find(request);
        Optional<User> user = owner.filter(found -> !found.guest()).flatMap(found -> users.findById(found.id()));
        Usage used = user.map(account -> usage.of(account.id()))
                .map(counted -> new Usage(counted.items(), counted.storedBytes(), quotaBytes))
                .orElse(null);
        return new SessionResponse(
                user.map(UserResponse::of).orElse(null), owner.map(Owner::guest).orElse(false), limits, used);
    }

    private static Window window(Limit limit) {
        return new Window(limit.max(), limit.window().toSeconds());
    }
}
