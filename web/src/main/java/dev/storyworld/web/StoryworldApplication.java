package dev.storyworld.web;

import dev.storyworld.web.http.FrameworkSurface;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import java.util.Map;

/**
 * The REST API root, scoped so that CDI discovers it in annotated mode; BearerTokenFilter guards it.
 * The resources are application-scoped too: per-request resource instances cost Jersey and Weld an
 * injection analysis on every call, and the resources hold nothing of a request but through
 * request-scoped proxies ({@code Caller}).
 * <p>
 * Jersey's WADL is off: it served {@code /api/v1/application.wadl} and answered every {@code OPTIONS}
 * with a description of every resource, dev tokens included, none of it in the contract
 * ({@link FrameworkSurface} turns it off for the server's own applications).
 */
@ApplicationPath("/api/v1")
@ApplicationScoped
public class StoryworldApplication extends Application {

    @Override
    public Map<String, Object> getProperties() {
        return Map.of(FrameworkSurface.WADL_DISABLE, true);
    }
}
