package io.zoolens.api.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Loads accounts for Spring Security by username or email. The principal's name is the account id, not the
 * username: it is what the session index (for "sign out everywhere") and every owner check use, and it never
 * changes.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final UserRepository users;

    AccountUserDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String login) {
        return users.findByLogin(login)
                .map(AccountUserDetailsService::details)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    /** Re-hashes a password stored with an older encoder once its owner signs in. */
    @Override
    public UserDetails updatePassword(UserDetails user, String newPassword) {
        return users.findById(user.getUsername())
                .map(found -> users.save(found.withPasswordHash(newPassword)))
                .map(AccountUserDetailsService::details)
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    private static UserDetails details(User user) {
        return org.springframework.security.core.userdetails.User.withUsername(user.id())
                .password(user.passwordHash())
                .roles("USER")
                .build();
    }
}
