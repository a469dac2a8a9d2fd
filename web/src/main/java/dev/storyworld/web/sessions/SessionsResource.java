package dev.storyworld.web.sessions;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.web.http.Cursors;
import dev.storyworld.session.control.EventView;
import dev.storyworld.session.control.SessionChange;
import dev.storyworld.session.control.SessionService;
import dev.storyworld.session.control.SessionView;
import dev.storyworld.session.control.VersionMatch;
import dev.storyworld.web.http.Keyset;
import dev.storyworld.web.http.Created;
import dev.storyworld.web.http.Id;
import dev.storyworld.web.http.RequestParams;
import dev.storyworld.web.security.Caller;
import dev.storyworld.web.limits.LimitClass;
import dev.storyworld.web.limits.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;

/** Sessions of the caller. Every answer that carries a session carries it normalized, with its ETag. */
@ApplicationScoped
@Path("game/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionsResource {

    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_EVENTS_PAGE = 200;
    static final int MAX_EVENTS_PAGE = 1000;
    static final String LAST_EVENT_ID = "Last-Event-ID";

    @Inject
    SessionService sessions;

    @Inject
    Cursors cursors;

    @Inject
    Caller caller;

    @Inject
    SessionFeed feed;

    @RateLimited(LimitClass.WRITE)
    @POST
    public Response create(@NotNull SessionRequests.Create request, @Context UriInfo uri) {
        long sceneId = RequestParams.requiredId("scene_id", request.sceneId());
        Long worldId = RequestParams.optionalId("world_id", request.worldId());
        SessionView session = sessions.create(caller.id(), sceneId, worldId, JsonDocument.of(request.flags()));
        return answer(Created.at(uri, session.id()), session);
    }

    @RateLimited(LimitClass.READ)
    @GET
    public SessionListBody list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        long user = caller.id();
        Long after = Keyset.after(cursors, user, "sessions", cursor);
        Keyset<SessionView> page = Keyset.page(cursors, user, "sessions", RequestParams.limit(limit, DEFAULT_PAGE, MAX_PAGE),
                rows -> sessions.list(user, after, rows), SessionView::id);
        return SessionListBody.of(page);
    }

    @RateLimited(LimitClass.READ)
    @GET
    @Path("{id}")
    public Response get(@PathParam("id") Id id) {
        return answer(Response.ok(), sessions.find(caller.id(), id.value()));
    }

    @RateLimited(LimitClass.WRITE)
    @POST
    @Path("{id}/advance")
    public Response advance(@PathParam("id") Id id, @NotNull SessionRequests.Advance request) {
        long sessionId = id.value();
        long edgeId = RequestParams.requiredId("edge_id", request.edgeId());
        return answer(Response.ok(), sessions.advance(caller.id(), sessionId, edgeId));
    }

    @RateLimited(LimitClass.SESSION_PATCH)
    @PATCH
    @Path("{id}")
    public Response patch(@PathParam("id") Id id,
                          @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
                          @NotNull SessionRequests.Patch request) {
        long sessionId = id.value();
        VersionMatch expected = VersionMatch.of(request.expectedVersion(), IfMatch.parse(ifMatch));
        SessionChange change = new SessionChange(request.worldTime(), JsonDocument.of(request.flags()),
                JsonDocument.of(request.relationships()), expected);
        return answer(Response.ok(), sessions.patch(caller.id(), sessionId, change));
    }

    @RateLimited(LimitClass.READ)
    @GET
    @Path("{id}/events")
    public EventListBody events(@PathParam("id") Id id, @QueryParam("limit") String limit,
                            @QueryParam("cursor") String cursor) {
        long user = caller.id();
        long sessionId = id.value();
        String query = "events:" + sessionId;
        Long after = Keyset.after(cursors, user, query, cursor);
        Keyset<EventView> page = Keyset.page(cursors, user, query,
                RequestParams.limit(limit, DEFAULT_EVENTS_PAGE, MAX_EVENTS_PAGE),
                rows -> sessions.events(user, sessionId, after, rows), EventView::id);
        return EventListBody.of(page);
    }

    @RateLimited(LimitClass.WRITE)
    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") Id id) {
        sessions.delete(caller.id(), id.value());
    }

    /**
     * The session's changes as Server-Sent Events while the client stays (see {@link SessionFeed}); limited by
     * the count of open streams (class {@code stream}), not by a rate.
     */
    @GET
    @Path("{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("id") Id id, @HeaderParam(LAST_EVENT_ID) String lastEventId,
                       @Context SseEventSink sink, @Context Sse sse) {
        feed.open(caller.id(), id.value(), lastEventId, sink, sse);
    }

    private static Response answer(Response.ResponseBuilder response, SessionView session) {
        SessionBody body = SessionBody.of(session);
        return response.entity(body).header("ETag", body.etag()).build();
    }

}
