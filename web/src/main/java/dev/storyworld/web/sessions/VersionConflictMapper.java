package dev.storyworld.web.sessions;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.Counters;
import dev.storyworld.session.control.VersionConflictException;
import dev.storyworld.web.http.JsonBinding;
import dev.storyworld.web.sessions.SessionBody;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** 409 with the session as it now is (normalized, like every session the API answers with). */
@Provider
public class VersionConflictMapper implements ExceptionMapper<VersionConflictException> {

    @Inject
    MetricRegistry metrics;

    @Override
    public Response toResponse(VersionConflictException conflict) {
        metrics.counter(Counters.VERSION_CONFLICTS).inc();
        return new Problem(conflict.error(), conflict.getMessage(), null, null)
                .with("current_session", JsonBinding.toJsonValue(SessionBody.of(conflict.current())))
                .toResponseBuilder()
                .header("ETag", "\"" + conflict.current().version() + "\"")
                .build();
    }
}
