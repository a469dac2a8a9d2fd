package dev.storyworld.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The REST API root, scoped so that CDI discovers it in annotated mode; BearerTokenFilter guards it.
 * The resources are application-scoped too: per-request resource instances cost Jersey and Weld an
 * injection analysis on every call, and the resources hold nothing of a request but through
 * request-scoped proxies ({@code Caller}).
 */
@ApplicationPath("/api/v1")
@ApplicationScoped
public class StoryworldApplication extends Application {
}
