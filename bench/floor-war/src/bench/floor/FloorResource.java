package bench.floor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What Payara Micro answers when a request costs nothing: one application-scoped resource, a constant. */
@ApplicationScoped
@Path("floor")
public class FloorResource {

    private static final String ANSWER = "{\"id\":1,\"name\":\"floor\"}";

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String get() {
        return ANSWER;
    }
}
