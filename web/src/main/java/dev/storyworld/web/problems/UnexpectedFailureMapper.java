package dev.storyworld.web.problems;

import dev.storyworld.web.platform.RequestIds;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** A bug: logged in full under the request's id, answered with that id and nothing else. */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Throwable failure) {
        String requestId = RequestIds.current();
        LOG.log(Level.SEVERE, "Unexpected failure, request id " + requestId, failure);
        return new Problem(500, "internal_error", "Internal server error", null, requestId).toResponse();
    }
}
