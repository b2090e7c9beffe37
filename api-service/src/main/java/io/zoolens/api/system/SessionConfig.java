package io.zoolens.api.system;

import org.springframework.boot.session.autoconfigure.DefaultCookieSerializerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The session cookie. Sessions themselves live in Redis through Spring Session's indexed repository
 * ({@code spring.session.data.redis.repository-type=indexed} in application.yml), which can find all sessions
 * of a user for "sign out everywhere"; the servlet container never creates a session, so there is no
 * {@code JSESSIONID}. Idle timeout: {@code zoolens.session.idle-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class SessionConfig {

    static final String COOKIE_NAME = "SESSION";

    @Bean
    DefaultCookieSerializerCustomizer sessionCookiePolicy() {
        return serializer -> {
            serializer.setCookieName(COOKIE_NAME);
            serializer.setUseHttpOnlyCookie(true);
            serializer.setSameSite("Lax");
            serializer.setCookiePath("/");
            // Secure is left to the request: true behind the TLS gateway (X-Forwarded-Proto: https), which
            // server.forward-headers-strategy=native makes request.isSecure() report.
        };
    }
}
