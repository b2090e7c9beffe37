package io.zoolens.api.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's header; springdoc derives the paths from the controllers. Sign-out is Spring Security's
 * filter, not a controller, so its path is added here: the document lists every endpoint (AccessMatrixIT relies on it).
 * The server is the relative URL {@code /}: springdoc would otherwise build it from the request's Host and
 * X-Forwarded-* headers, so a forged Host would reappear in the document and in Swagger UI's "Try it out".
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI zoolensOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info()
                        .title("Zoolens API")
                        .version(properties == null ? "dev" : properties.getVersion())
                        .description("Public REST API of Zoolens: accounts, sessions, classifications, albums,"
                                + " stats. Errors are RFC 9457 problems (application/problem+json). State-changing"
                                + " requests need the X-XSRF-TOKEN header (value of the XSRF-TOKEN cookie).")
                        .license(new License().name("see the project repository")))
                .servers(List.of(new Server().url("/").description("this Zoolens, wherever it is served")))
                .components(new Components()
                        .addSecuritySchemes(
                                "session",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.COOKIE)
                                        .name("SESSION"))
                        .addSecuritySchemes(
                                "csrf",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-XSRF-TOKEN")))
                .addSecurityItem(new SecurityRequirement().addList("session").addList("csrf"))
                .path(
                        "/api/auth/logout",
                        new PathItem()
                                .post(new Operation()
                                        .addTagsItem("accounts")
                                        .summary("Sign out: the session ends (204 also when not signed in)")
                                        .operationId("logout")
                                        .responses(new ApiResponses()
                                                .addApiResponse("204", new ApiResponse().description("Signed out"))
                                                .addApiResponse(
                                                        "403",
                                                        new ApiResponse()
                                                                .description("Missing or wrong CSRF token")))));
    }
}
