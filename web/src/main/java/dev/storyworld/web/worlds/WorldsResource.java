package dev.storyworld.web.worlds;

import dev.storyworld.common.Cursors;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.relationships.Violation;
import dev.storyworld.web.limits.RateLimited;
import dev.storyworld.web.platform.Created;
import dev.storyworld.web.platform.JsonBinding;
import dev.storyworld.web.platform.Keyset;
import dev.storyworld.web.platform.RequestParams;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@ApplicationScoped
@Path("game/worlds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Worlds")
public class WorldsResource {

    /** What a world-list cursor is bound to, besides the caller: the caller's worlds by id. */
    private static final String LIST_QUERY = "worlds";

    @Inject
    WorldService worlds;

    @Inject
    Cursors cursors;

    @Inject
    Caller caller;

    @RateLimited("read")
    @GET
    @Operation(summary = "The caller's worlds by id ascending, by offset or by cursor",
            description = "limit is clamped to 1..1000 (default 100). Page either by offset (default 0) or by"
                    + " cursor: pass the next_cursor of the previous page, not both (400 invalid_request). A cursor"
                    + " walk sees every world that exists for the whole walk exactly once, however many worlds are"
                    + " created or deleted meanwhile; a cursor of another caller or query, or altered, is 400"
                    + " invalid_cursor.")
    public WorldList list(@QueryParam("offset") @Parameter(description = "Rows to skip; at least 0") String offset,
                          @QueryParam("limit") String limit,
                          @QueryParam("cursor") @Parameter(description = "next_cursor of the previous page")
                          String cursor) {
        long user = caller.id();
        boolean byCursor = cursor != null && !cursor.isEmpty();
        if (byCursor && offset != null && !offset.isEmpty()) {
            throw StoryworldException.invalid("invalid_request", "Page by offset or by cursor, not both",
                    List.of(new Violation("cursor", "cannot be combined with offset")));
        }
        int pageSize = WorldService.pageSize(RequestParams.integer("limit", limit, WorldService.DEFAULT_PAGE_SIZE));
        Long after = Keyset.after(cursors, user, LIST_QUERY, cursor);
        int skip = RequestParams.integer("offset", offset, 0);
        WorldPage page = worlds.list(user, after, skip, pageSize + 1);
        Keyset<WorldPage.Summary> keyset = Keyset.of(cursors, user, LIST_QUERY, pageSize, page.worlds(),
                WorldPage.Summary::id);
        return new WorldList(keyset.items(), page.total(), byCursor ? null : skip, pageSize, keyset.nextCursor());
    }

    @RateLimited("write")
    @POST
    @Operation(summary = "Create a world (and its clock, in one transaction)",
            description = "The meta is validated like PUT /meta: 400 invalid_world_schemas or invalid_scheduler_config.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = GameWorldDetail.class)))
    public Response create(@NotNull WorldRequests.Create request, @Context UriInfo uri) {
        WorldDetail world = worlds.create(caller.id(), request.name(), request.metaDocument());
        return Created.at(uri, world.id())
                .entity(GameWorldDetail.of(world))
                .build();
    }

    @RateLimited("read")
    @GET
    @Path("{id}")
    @Operation(summary = "One world of the caller")
    public GameWorldDetail get(@PathParam("id") String id) {
        return GameWorldDetail.of(worlds.find(caller.id(), RequestParams.id("id", id)));
    }

    @RateLimited("write")
    @PUT
    @Path("{id}/meta")
    @Operation(summary = "Replace the world's meta whole",
            description = "relationship_schemas and intimacy_schema must follow the schema rules (400"
                    + " invalid_world_schemas, violations with fields like meta.relationship_schemas.default[1].max);"
                    + " a simulation key must be a valid, possibly partial, scheduler config (400"
                    + " invalid_scheduler_config). A refused meta changes nothing.")
    public GameWorldDetail replaceMeta(@PathParam("id") String id, @NotNull WorldRequests.ReplaceMeta request) {
        return GameWorldDetail.of(worlds.replaceMeta(caller.id(), RequestParams.id("id", id), request.metaDocument()));
    }

    @RateLimited("write")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a world; sessions linked to it keep running with world_id null")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        worlds.delete(caller.id(), RequestParams.id("id", id));
    }

    @RateLimited("world-advance")
    @POST
    @Path("{id}/advance")
    @Operation(summary = "Advance the world clock atomically; concurrent advances never lose an update",
            description = "With an Idempotency-Key, the first request with that key advances and its answer is kept"
                    + " for 24 hours: a repeat with the same body gets the same answer and advances nothing, even"
                    + " when it arrives while the first is still running; the same key with another body is 409"
                    + " idempotency_key_reused. Keys are per user.")
    public GameWorldDetail advance(@PathParam("id") String id,
                                   @HeaderParam(IdempotencyKeys.HEADER) @Parameter(in = ParameterIn.HEADER,
                                           description = "1 to 255 characters, unique per request the client means",
                                           schema = @Schema(minLength = 1, maxLength = 255)) String idempotencyKey,
                                   @NotNull WorldRequests.Advance request) {
        return GameWorldDetail.of(worlds.advance(caller.id(), RequestParams.id("id", id), request.deltaSeconds(),
                idempotencyKey));
    }

    @RateLimited("read")
    @GET
    @Path("{id}/scheduler/config")
    @Operation(summary = "The world's scheduler config (meta.simulation) with the defaults filled in")
    @APIResponse(responseCode = "200", description = "The config", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = SchedulerConfigDocument.NAME)))
    public Map<String, Object> schedulerConfig(@PathParam("id") String id) {
        return worlds.schedulerConfig(caller.id(), RequestParams.id("id", id));
    }

    @RateLimited("write")
    @PUT
    @Path("{id}/scheduler/config")
    @Operation(summary = "Change some fields of the scheduler config; answers the merged, stored config",
            description = "Fields not sent keep their value. The whole result is checked: 400"
                    + " invalid_scheduler_config with violations (fields like timeScale, tiers.dormant.maxNpcs).")
    @RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = SchedulerConfigDocument.NAME)))
    @APIResponse(responseCode = "200", description = "The stored config", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = SchedulerConfigDocument.NAME)))
    public Map<String, Object> updateSchedulerConfig(@PathParam("id") String id, @NotNull JsonObject changes) {
        return worlds.updateSchedulerConfig(caller.id(), RequestParams.id("id", id), JsonBinding.document(changes));
    }

    @RateLimited("write")
    @POST
    @Path("{id}/scheduler/pause")
    @Operation(summary = "Set pauseSimulation to true")
    public SchedulerState pause(@PathParam("id") String id) {
        return pauseSimulation(id, true);
    }

    @RateLimited("write")
    @POST
    @Path("{id}/scheduler/resume")
    @Operation(summary = "Set pauseSimulation to false")
    public SchedulerState resume(@PathParam("id") String id) {
        return pauseSimulation(id, false);
    }

    @RateLimited("read")
    @GET
    @Path("{id}/schema-report")
    @Operation(summary = "Health of the world's relationship and intimacy schemas: errors, gap warnings, suggestions")
    public WorldSchemaHealth schemaReport(@PathParam("id") String id) {
        return WorldSchemaHealth.of(worlds.schemaReport(caller.id(), RequestParams.id("id", id)));
    }

    private SchedulerState pauseSimulation(String id, boolean paused) {
        long worldId = RequestParams.id("id", id);
        worlds.pauseSimulation(caller.id(), worldId, paused);
        return new SchedulerState(paused ? "paused" : "resumed", worldId);
    }
}
