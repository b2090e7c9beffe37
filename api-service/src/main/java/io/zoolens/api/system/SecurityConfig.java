package io.zoolens.api.system;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

import jakarta.servlet.DispatcherType;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The one security filter chain: JSON endpoints only (no form login, no redirects, no HTML), sessions in
 * Redis through Spring Session, SPA-style CSRF (cookie {@code XSRF-TOKEN}, header {@code X-XSRF-TOKEN}),
 * problem+json for 401 and 403.
 */
@Configuration
@EnableWebSecurity
class SecurityConfig {

    private static final String[] DOCS = {
        "/api/openapi.json", "/api/openapi.json/**", "/api/docs", "/api/docs/**", "/api/swagger-ui/**"
    };

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SecurityProblemHandlers problems,
            CookieCsrfTokenRepository csrfTokens,
            SecurityContextRepository securityContexts,
            CsrfRenewal csrfRenewal,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> controllers,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        RequestMatcher unmapped = new UnmappedApiRequests(controllers);
        http.authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(
                                DispatcherType.ERROR, DispatcherType.FORWARD)
                        .permitAll()
                        .requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers(DOCS)
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET, "/api/auth/csrf", "/api/auth/session", "/api/auth/password-rules")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/auth/register",
                                "/api/auth/login",
                                "/api/auth/logout",
                                "/api/auth/password-check")
                        .permitAll()
                        // Guests classify, see their own results and stats; everything else needs an account.
                        .requestMatchers("/api/classifications", "/api/classifications/**", "/api/models", "/api/stats")
                        .permitAll()
                        // A path nothing serves is a 404 for everyone, not a 401 for guests.
                        .requestMatchers(unmapped)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .csrf(csrf -> csrf.spa().csrfTokenRepository(csrfTokens).ignoringRequestMatchers(unmapped))
                .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class)
                .addFilterAfter(new ExpectedUserFilter(expectedUserExempt(), resolver), CsrfFilter.class)
                .securityContext(context -> context.securityContextRepository(securityContexts))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .anonymous(anonymous -> {})
                .logout(logout -> logout.logoutRequestMatcher(pathPattern(HttpMethod.POST, "/api/auth/logout"))
                        .logoutSuccessHandler(csrfRenewal.afterLogout()))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .headers(headers -> headers.referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        // JSON needs no scripts or frames; the browsable docs page does, so it keeps its own.
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                                notDocs(),
                                new StaticHeadersWriter(
                                        "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")))
                        .permissionsPolicyHeader(
                                permissions -> permissions.policy("camera=(), microphone=(), geolocation=()")));
        return http.build();
    }

    /** Where {@code X-Expected-User} is not checked: a session is being started, or only looked at. */
    private static RequestMatcher expectedUserExempt() {
        return new OrRequestMatcher(
                pathPattern(HttpMethod.GET, "/api/auth/session"),
                pathPattern(HttpMethod.GET, "/api/auth/csrf"),
                pathPattern(HttpMethod.POST, "/api/auth/login"),
                pathPattern(HttpMethod.POST, "/api/auth/register"));
    }

    private static RequestMatcher notDocs() {
        List<RequestMatcher> docs = new java.util.ArrayList<>();
        for (String pattern : DOCS) {
            docs.add(pathPattern(pattern));
        }
        return new NegatedRequestMatcher(new OrRequestMatcher(docs));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt today, and still able to check (and upgrade) hashes of any encoder Spring Security knows.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    CookieCsrfTokenRepository csrfTokenRepository() {
        CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
        repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        return repository;
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new DelegatingSecurityContextRepository(
                new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    }

    /**
     * What the JSON login does to the session, as form login would: new session id, new CSRF token (set as the
     * cookie at once, not only deleted as Spring's {@code CsrfAuthenticationStrategy} does).
     */
    @Bean
    SessionAuthenticationStrategy loginSessionStrategy(CsrfRenewal csrfRenewal) {
        return new CompositeSessionAuthenticationStrategy(
                List.of(new ChangeSessionIdAuthenticationStrategy(), csrfRenewal.atSignIn()));
    }
}
