package io.zoolens.api.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/account")
@Tag(name = "accounts")
class AccountController {

    private final AccountService accounts;
    private final UserSessions userSessions;
    private final CurrentOwner currentOwner;

    AccountController(AccountService accounts, UserSessions userSessions, CurrentOwner currentOwner) {
        this.accounts = accounts;
        this.userSessions = userSessions;
        this.currentOwner = currentOwner;
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove the account with all its images, results and albums, and end its sessions")
    void delete(HttpServletRequest request, HttpServletResponse response) {
        String userId = currentOwner.userId().orElseThrow(AuthController::notSignedIn);
        accounts.delete(userId);
        userSessions.endAll(userId);
        userSessions.endCurrent(request, response);
    }
}
