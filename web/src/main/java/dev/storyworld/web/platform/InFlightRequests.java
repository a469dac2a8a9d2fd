package dev.storyworld.web.platform;

import dev.storyworld.web.problems.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Counts API requests in and out for {@link ShutdownDrain}; while it drains, refuses new ones with 503. */
@WebFilter("/api/*")
public class InFlightRequests extends HttpFilter {

    @Inject
    ShutdownDrain drain;

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
