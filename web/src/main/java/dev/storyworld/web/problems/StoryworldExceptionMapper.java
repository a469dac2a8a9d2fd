package dev.storyworld.web.problems;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.StoryworldException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class StoryworldExceptionMapper implements ExceptionMapper<StoryworldException> {

    @Override
    public Response toResponse(StoryworldException e) {
        return new Problem(e.error(), e.getMessage(), e.violations(), null).toResponse();
    }
}
