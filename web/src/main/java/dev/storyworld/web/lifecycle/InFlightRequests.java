package dev.storyworld.web.lifecycle;

import dev.storyworld.web.http.Problem;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Counts API requests in and out for {@link ShutdownDrain}; while it drains, refuses new ones with 503. A live
 * stream's request leaves the filter once it is suspended (asynchronous, so that it holds no thread); the
 * stream itself is counted by the drain from then on.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class InFlightRequests extends HttpFilter {

    private ShutdownDrain drain;

    /** Looked up, not injected: Payara Server leaves {@code @Inject} fields of a filter null when its WAR is in an EAR. */
    @Override
    public void init() {
        drain = CDI.current().select(ShutdownDrain.class).get();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!drain.admit()) {
            Problem.forStatus(503).write(response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            drain.finished();
        }
    }
}
