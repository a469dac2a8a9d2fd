package dev.storyworld.web.scenes;

import dev.storyworld.scene.control.SceneService;
import dev.storyworld.scene.control.SceneView;
import dev.storyworld.web.platform.Created;
import dev.storyworld.web.platform.RequestParams;
import dev.storyworld.web.security.Caller;
import dev.storyworld.web.limits.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@ApplicationScoped
@Path("game/scenes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Scenes")
public class ScenesResource {

    @Inject
    SceneService scenes;

    @Inject
    Caller caller;

    @RateLimited("write")
    @POST
    @Operation(summary = "Create a whole scene graph (at most 10000 nodes and 10000 edges)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Scene.class)))
    public Response create(@NotNull SceneRequest request, @Context UriInfo uri) {
        SceneView scene = scenes.create(caller.id(), request.toDraft());
        return Created.at(uri, scene.id())
                .entity(Scene.of(scene))
                .build();
    }

    @RateLimited("read")
    @GET
    @Path("{id}")
    @Operation(summary = "A scene with its nodes and edges; any authenticated user may read it")
    public Scene get(@PathParam("id") String id) {
        return Scene.of(scenes.find(RequestParams.id("id", id)));
    }

    @RateLimited("write")
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a scene (only its creator; 409 scene_in_use while sessions use it)")
    @APIResponse(responseCode = "204", description = "Deleted")
    public void delete(@PathParam("id") String id) {
        scenes.delete(caller.id(), RequestParams.id("id", id));
    }
}
