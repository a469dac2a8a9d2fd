package dev.storyworld.web.lifecycle;

import dev.storyworld.web.http.JsonBinding;
import dev.storyworld.web.http.Problem;
import dev.storyworld.web.security.Public;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness probe to give a load balancer: the application's readiness checks, answered by the
 * API itself. The server's {@code /health/ready} is the server's own endpoint: while the application
 * is being deployed, undeployed or stopped it can say UP although the API answers 404 or 500, and
 * with no application deployed it says whatever the server decides. This endpoint answers only while
 * the API's servlet does, so whenever it says UP, the API can answer; while the service drains it
 * is refused with 503 like every API request ({@link InFlightRequests}).
 */
@ApplicationScoped
@Path("ready")
@Public
@Produces(MediaType.APPLICATION_JSON)
public class ReadinessResource {

    @Inject
    @Readiness
    Instance<HealthCheck> checks;

    @GET
    public Response ready() {
        JsonArrayBuilder reports = JsonBinding.JSON.createArrayBuilder();
        boolean up = true;
        for (HealthCheck check : checks) {
            HealthCheckResponse answer = check.call();
            up &= answer.getStatus() == HealthCheckResponse.Status.UP;
            reports.add(report(answer));
        }
        if (!up) {
            return Problem.forStatus(503).with("checks", reports.build()).toResponse();
        }
        return Response.ok(JsonBinding.JSON.createObjectBuilder().add("status", "UP").add("checks", reports).build())
                .build();
    }

    private static JsonObject report(HealthCheckResponse answer) {
        JsonObjectBuilder data = JsonBinding.JSON.createObjectBuilder();
        answer.getData().ifPresent(values -> values.forEach((key, value) -> data.add(key, String.valueOf(value))));
        return JsonBinding.JSON.createObjectBuilder().add("name", answer.getName())
                .add("status", answer.getStatus().name()).add("data", data).build();
    }
}
