package dev.storyworld.web.sessions;

import dev.storyworld.web.http.Problem;
import dev.storyworld.common.Counters;
import dev.storyworld.session.control.VersionConflictException;
import dev.storyworld.web.http.JsonBinding;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.util.List;
import java.util.regex.Pattern;

/** 409 with the session as it now is (normalized, like every session the API answers with). */
@Provider
public class VersionConflictMapper implements ExceptionMapper<VersionConflictException> {

    /** An entity tag of If-Match that is strong: a quote that does not follow {@code W/}. */
    private static final Pattern STRONG_TAG = Pattern.compile("(^|,)[ \\t]*\"");

    @Inject
    MetricRegistry metrics;

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(VersionConflictException conflict) {
        metrics.counter(Counters.VERSION_CONFLICTS).inc();
        return new Problem(conflict.error(), detail(conflict), null, null)
                .with("current_session", JsonBinding.toJsonValue(SessionBody.of(conflict.current())))
                .toResponseBuilder()
                .header("ETag", "\"" + conflict.current().version() + "\"")
                .build();
    }

    /** Says so when the If-Match held only weak tags, which never match: nothing else modified the session. */
    private String detail(VersionConflictException conflict) {
        String ifMatch = String.join(",", headers.getRequestHeader(HttpHeaders.IF_MATCH) == null ? List.of()
                : headers.getRequestHeader(HttpHeaders.IF_MATCH));
        if (ifMatch.contains("W/") && !STRONG_TAG.matcher(ifMatch).find()) {
            return "If-Match held only weak entity tags (" + ifMatch.trim() + "), and this API compares entity tags"
                    + " strongly, so a weak tag never matches; send the ETag as given: \""
                    + conflict.current().version() + "\"";
        }
        return conflict.getMessage();
    }
}
