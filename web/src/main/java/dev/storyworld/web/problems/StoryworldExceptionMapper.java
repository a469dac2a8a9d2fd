package dev.storyworld.web.problems;

import dev.storyworld.common.StoryworldException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class StoryworldExceptionMapper implements ExceptionMapper<StoryworldException> {

    @Override
    public Response toResponse(StoryworldException e) {
        int status = switch (e.kind()) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
        };
        return new Problem(status, e.code(), e.getMessage(), e.violations(), null).toResponse();
    }
}
