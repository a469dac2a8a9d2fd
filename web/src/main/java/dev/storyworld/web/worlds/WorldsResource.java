package dev.storyworld.web.worlds;

import dev.storyworld.web.platform.Created;
import dev.storyworld.web.platform.RequestParams;
import dev.storyworld.web.security.Caller;
import dev.storyworld.world.control.WorldDetail;
import dev.storyworld.world.control.WorldService;
import dev.storyworld.web.limits.RateLimited;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("game/worlds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Worlds")
public class WorldsResource {

    @Inject
    WorldService worlds;

    @Inject
    Caller caller;

    @RateLimited("read")
    @GET
    @Operation(summary = "The caller's worlds by id ascending; limit is clamped to 1..1000")
    public WorldList list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return WorldList.of(worlds.list(caller.id(), RequestParams.integer("offset", offset, 0),
                RequestParams.integer("limit", limit, WorldService.DEFAULT_PAGE_SIZE)));
    }

    @RateLimited("write")
    @POST
    @Operation(summary = "Create a world (and its clock, in one transaction)")
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
    @Operation(summary = "Advance the world clock atomically; concurrent advances never lose an update")
    public GameWorldDetail advance(@PathParam("id") String id, @NotNull WorldRequests.Advance request) {
        return GameWorldDetail.of(worlds.advance(caller.id(), RequestParams.id("id", id), request.deltaSeconds()));
    }
}
