package dev.storyworld.web.scenes;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.scene.control.SceneService;
import dev.storyworld.scene.control.SceneView;
import dev.storyworld.web.http.Created;
import dev.storyworld.web.http.Id;
import dev.storyworld.web.http.RequestParams;
import dev.storyworld.web.security.Caller;
import dev.storyworld.web.limits.LimitClass;
import dev.storyworld.web.limits.RateLimited;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
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

import java.util.List;

@ApplicationScoped
@Path("game/scenes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScenesResource {

    @Inject
    SceneService scenes;

    @Inject
    Caller caller;

    @Inject
    Validator validator;

    @RateLimited(LimitClass.WRITE)
    @POST
    public Response create(@NotNull SceneRequest request, @Context UriInfo uri) {
        // Bean Validation and the graph's references in one answer (the service alone would stop at the first).
        List<Violation> violations = request.violations(validator);
        if (!violations.isEmpty()) {
            throw new StoryworldException(ErrorCode.INVALID_REQUEST, "The scene breaks " + violations.size()
                    + (violations.size() == 1 ? " rule" : " rules"), violations);
        }
        SceneView scene = scenes.create(caller.id(), request.toDraft());
        return Created.at(uri, scene.id())
                .entity(SceneBody.of(scene))
                .build();
    }

    @RateLimited(LimitClass.READ)
    @GET
    @Path("{id}")
    public SceneBody get(@PathParam("id") Id id) {
        return SceneBody.of(scenes.find(id.value()));
    }

    @RateLimited(LimitClass.WRITE)
    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") Id id) {
        scenes.delete(caller.id(), id.value());
    }
}
