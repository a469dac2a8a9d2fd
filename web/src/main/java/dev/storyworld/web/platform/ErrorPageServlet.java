package dev.storyworld.web.platform;

import dev.storyworld.web.problems.Problem;
import dev.storyworld.web.security.RefusedTokens;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Errors raised by the container before JAX-RS sees the request (a rejected bearer token, a path
 * outside the API) get the same problem shape as the API's own errors; see web.xml.
 */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {

    private RefusedTokens refusedTokens;

    /** Looked up, not injected: see {@link InFlightRequests#init()}. */
    @Override
    public void init() {
        refusedTokens = CDI.current().select(RefusedTokens.class).get();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        // MP-JWT refused the token before any application code ran.
        if (status == 401 && request.getHeader("Authorization") != null) {
            refusedTokens.refused();
        }
        Problem.forStatus(status).write(response);
    }
}
