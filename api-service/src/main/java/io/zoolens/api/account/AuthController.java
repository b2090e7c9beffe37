package io.zoolens.api.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.zoolens.api.account.AccountRequests.CsrfResponse;
import io.zoolens.api.account.AccountRequests.LoginRequest;
import io.zoolens.api.account.AccountRequests.RegisterRequest;
import io.zoolens.api.account.AccountRequests.UserResponse;
import io.zoolens.api.system.ApiException;
import io.zoolens.api.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DeferredCsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
@Tag(name = "accounts")
class AuthController {

    private final AccountService accounts;
    private final UserRepository users;
    private final AuthenticationManager authenticationManager;
    private final AccountUserDetailsService userDetails;
    private final SessionSignIn signIn;
    private final LoginThrottle throttle;
    private final UserSessions userSessions;
    private final CurrentOwner currentOwner;

    AuthController(
            AccountService accounts,
            UserRepository users,
            AuthenticationManager authenticationManager,
            AccountUserDetailsService userDetails,
            SessionSignIn signIn,
            LoginThrottle throttle,
            UserSessions userSessions,
            CurrentOwner currentOwner) {
        this.accounts = accounts;
        this.users = users;
        this.authenticationManager = authenticationManager;
        this.userDetails = userDetails;
        this.signIn = signIn;
        this.throttle = throttle;
        this.userSessions = userSessions;
        this.currentOwner = currentOwner;
    }

    @PostMapping("/register")
    @Operation(summary = "Create an account and sign in; a guest's results move to it")
    @ApiResponse(responseCode = "201", description = "The new account, signed in")
    ResponseEntity<UserResponse> register(
            @Valid @RequestBody RegisterRequest body, HttpServletRequest request, HttpServletResponse response) {
        throttle.beforeRegistration(request.getRemoteAddr());
        User user = accounts.register(body.username(), body.email(), body.password());
        var details = userDetails.loadUserByUsername(user.usernameKey());
        Authentication authentication =
                UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
        signIn.signIn(authentication, request, response);
        throttle.registered(user.id(), request, response);
        return ResponseEntity.created(URI.create("/api/auth/me")).body(UserResponse.of(user));
    }

    @PostMapping("/login")
    @Operation(summary = "Sign in with username or email; the session id changes")
    UserResponse login(
            @Valid @RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        String accountKey = users.findByLogin(body.login()).map(User::id).orElse("unknown:" + User.key(body.login()));
        LoginThrottle.Attempt attempt = throttle.beforeAttempt(accountKey, request);
        Authentication authentication;
        try {
            authentication = authenticationManager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    body.login().trim(), body.password()));
        } catch (AuthenticationException e) {
            throttle.failed(attempt);
            throw new ApiException(ProblemType.BAD_CREDENTIALS, "Wrong login or password.");
        }
        signIn.signIn(authentication, request, response);
        throttle.succeeded(attempt, request, response);
        return UserResponse.of(signedInUser());
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in account; 401 for guests (the SPA asks /api/auth/session instead)")
    UserResponse me() {
        return UserResponse.of(signedInUser());
    }

    @GetMapping("/csrf")
    @Operation(summary = "The CSRF token to send as X-XSRF-TOKEN; also sets the XSRF-TOKEN cookie")
    CsrfResponse csrf(HttpServletRequest request) {
        // The raw token (the cookie's value) is what the header must carry; the request attribute holds a
        // masked variant meant for form fields.
        DeferredCsrfToken deferred = (DeferredCsrfToken) request.getAttribute(DeferredCsrfToken.class.getName());
        CsrfToken token = deferred.get();
        return new CsrfResponse(token.getHeaderName(), token.getToken());
    }

    @PostMapping("/logout-everywhere")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "End every session of the signed-in account, on every device")
    void logoutEverywhere(HttpServletRequest request, HttpServletResponse response) {
        String userId = currentOwner.userId().orElseThrow(AuthController::notSignedIn);
        userSessions.endAll(userId);
        userSessions.endCurrent(request, response);
    }

    private User signedInUser() {
        return currentOwner.userId().flatMap(users::findById).orElseThrow(AuthController::notSignedIn);
    }

    static ApiException notSignedIn() {
        return new ApiException(ProblemType.NOT_AUTHENTICATED, "Sign in first (POST /api/auth/login).");
    }
}
