package dev.storyworld.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The REST API root. Scoped so that CDI discovers it in annotated mode and MP-JWT can attach to it.
 * The resources are application-scoped too: per-request resource instances cost Jersey and Weld an
 * injection analysis on every call, and the resources hold nothing of a request but through
 * request-scoped proxies ({@code Caller}).
 */
@ApplicationPath("/api/v1")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@OpenAPIDefinition(
        info = @Info(title = "Storyworld", version = "1",
                description = "Worlds and play sessions of a narrative game. Errors are application/problem+json"
                        + " with a stable `error` code."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class StoryworldApplication extends Application {
}
