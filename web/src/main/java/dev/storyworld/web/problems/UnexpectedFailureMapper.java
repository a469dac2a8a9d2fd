package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.Database;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.web.http.RequestIds;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A bug: logged in full under the request's id, answered with that id and nothing else. A database that
 * cannot be reached is no bug: that is a 503 (see {@link DatabaseUnavailable}).
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Inject
    DatabaseUnavailable databaseUnavailable;

    @Context
    Request request;

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        if (Database.isUnreachable(failure)) {
            return databaseUnavailable.answer(request.getMethod() + " " + uri.getRequestUri().getPath(), failure);
        }
        String requestId = RequestIds.current();
        LOG.log(Level.SEVERE, "Unexpected failure, request id " + requestId, failure);
        return new Problem(ErrorCode.INTERNAL_ERROR, "Internal server error", null, requestId).toResponse();
    }
}
