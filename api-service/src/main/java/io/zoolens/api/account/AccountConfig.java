package io.zoolens.api.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountConfig {

    /**
     * Checks passwords for the JSON login. The DAO provider answers "bad credentials" alike for unknown
     * accounts and wrong passwords, and spends the same hashing time on both, so neither reveals which accounts
     * exist.
     */
    @Bean
    AuthenticationManager authenticationManager(AccountUserDetailsService accounts, PasswordEncoder encoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(encoder);
        provider.setUserDetailsPasswordService(accounts);
        return new ProviderManager(provider);
    }
}
