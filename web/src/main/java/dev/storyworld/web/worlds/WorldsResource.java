package dev.storyworld.web.worlds;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.web.limits.LimitClass;
import dev.storyworld.web.limits.RateLimited;
import dev.storyworld.web.http.Created;
import dev.storyworld.web.http.Cursors;
import dev.storyworld.web.http.Id;
import dev.storyworld.web.http.Keyset;
import dev.storyworld.web.http.RequestParams;
import dev.storyworld.web.security.Caller;
import dev.storyworld.world.control.IdempotencyKeys;
import dev.storyworld.world.control.WorldDetail;
import dev.storyworld.world.control.WorldPage;
import dev.storyworld.world.control.WorldService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;

@ApplicationScoped
@Path("game/worlds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WorldsResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    /** JSON Merge Patch, RFC 7396. */
    static final String MERGE_PATCH = "application/merge-patch+json";

    /** What a world-list cursor is bound to, besides the caller: the caller's worlds by id. */
    private static final String LIST_QUERY = "worlds";

    @Inject
    WorldService worlds;

    @Inject
    Cursors cursors;

    @Inject
    Caller caller;

    @Inject
    WorldFeed feed;

    @RateLimited(LimitClass.READ)
    @GET
    public WorldListBody list(@QueryParam("offset") String offset,
                          @QueryParam("limit") String limit,
                          @QueryParam("cursor") String cursor) {
        long user = caller.id();
        boolean byCursor = cursor != null && !cursor.isEmpty();
        if (byCursor && offset != null && !offset.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, "Page by offset or by cursor, not both",
                    List.of(new Violation("cursor", "cannot be combined with offset")));
        }
        int pageSize = RequestParams.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        Long after = Keyset.after(cursors, user, LIST_QUERY, cursor);
        int skip = RequestParams.integer("offset", offset, 0);
        WorldPage page = worlds.list(user, after, skip, pageSize + 1);
        Keyset<WorldPage.Summary> keyset = Keyset.of(cursors, user, LIST_QUERY, pageSize, page.worlds(),
                WorldPage.Summary::id);
        return WorldListBody.of(page, keyset, byCursor ? null : skip, pageSize);
    }

    @RateLimited(LimitClass.WRITE)
    @POST
    public Response create(@NotNull WorldRequests.Create request, @Context UriInfo uri) {
        WorldDetail world = worlds.create(caller.id(), request.name(), JsonDocument.of(request.meta()));
        return Created.at(uri, world.id())
                .entity(WorldBody.of(world))
                .build();
    }

    @RateLimited(LimitClass.READ)
    @GET
    @Path("{id}")
    public WorldBody get(@PathParam("id") Id id) {
        return WorldBody.of(worlds.find(caller.id(), id.value()));
    }

    @RateLimited(LimitClass.WRITE)
    @PUT
    @Path("{id}/meta")
    public WorldBody replaceMeta(@PathParam("id") Id id, @NotNull WorldRequests.ReplaceMeta request) {
        return WorldBody.of(worlds.replaceMeta(caller.id(), id.value(), JsonDocument.of(request.meta())));
    }

    @RateLimited(LimitClass.WRITE)
    @PATCH
    @Path("{id}/meta")
    @Consumes(MERGE_PATCH)
    public WorldBody mergeMeta(@PathParam("id") Id id, @NotNull JsonObject patch) {
        return WorldBody.of(worlds.mergeMeta(caller.id(), id.value(), JsonDocument.of(patch)));
    }

    @RateLimited(LimitClass.WRITE)
    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") Id id) {
        worlds.delete(caller.id(), id.value());
    }

    @RateLimited(LimitClass.WORLD_ADVANCE)
    @POST
    @Path("{id}/advance")
    public WorldBody advance(@PathParam("id") Id id,
                                   @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
                                   @NotNull WorldRequests.Advance request) {
        return WorldBody.of(worlds.advance(caller.id(), id.value(), request.deltaSeconds(),
                idempotencyKey));
    }

    /** The config is a client document: answered as itself, keys as the client knows them. */
    @RateLimited(LimitClass.READ)
    @GET
    @Path("{id}/scheduler/config")
    public JsonDocument schedulerConfig(@PathParam("id") Id id) {
        return worlds.schedulerConfig(caller.id(), id.value()).toDocument();
    }

    @RateLimited(LimitClass.WRITE)
    @PUT
    @Path("{id}/scheduler/config")
    public JsonDocument updateSchedulerConfig(@PathParam("id") Id id, @NotNull JsonObject changes) {
        return worlds.updateSchedulerConfig(caller.id(), id.value(), JsonDocument.of(changes)).toDocument();
    }

    @RateLimited(LimitClass.WRITE)
    @POST
    @Path("{id}/scheduler/pause")
    public SchedulerStateBody pause(@PathParam("id") Id id) {
        return pauseSimulation(id, true);
    }

    @RateLimited(LimitClass.WRITE)
    @POST
    @Path("{id}/scheduler/resume")
    public SchedulerStateBody resume(@PathParam("id") Id id) {
        return pauseSimulation(id, false);
    }

    @RateLimited(LimitClass.READ)
    @GET
    @Path("{id}/schema-report")
    public WorldSchemaHealthBody schemaReport(@PathParam("id") Id id) {
        return WorldSchemaHealthBody.of(worlds.schemaReport(caller.id(), id.value()));
    }

    /**
     * The world's state as Server-Sent Events while the client stays, conflated (see {@link WorldFeed});
     * limited by the count of open streams (class {@code stream}), not by a rate.
     */
    @GET
    @Path("{id}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@PathParam("id") Id id, @Context SseEventSink sink, @Context Sse sse) {
        feed.open(caller.id(), id.value(), sink, sse);
    }

    private SchedulerStateBody pauseSimulation(Id id, boolean paused) {
        worlds.pauseSimulation(caller.id(), id.value(), paused);
        return SchedulerStateBody.of(id.value(), paused);
    }
}
