package dev.storyworld.web.http;

import dev.storyworld.web.http.Problem;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Errors raised by the container before JAX-RS sees the request (a path outside the API, a wrong
 * method on a static file) get the same problem shape as the API's own errors; see web.xml.
 */
@WebServlet("/problem")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 404;
        Problem.forStatus(status).write(response);
    }
}
