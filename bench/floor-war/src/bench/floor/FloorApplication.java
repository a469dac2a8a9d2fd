package bench.floor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The platform floor's JAX-RS root, at the path of Storyworld's. */
@ApplicationPath("/api/v1")
@ApplicationScoped
public class FloorApplication extends Application {
}
