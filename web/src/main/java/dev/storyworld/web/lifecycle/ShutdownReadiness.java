package dev.storyworld.web.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** DOWN from the moment the service is told to stop, so that balancers send it nothing new. */
@Readiness
@ApplicationScoped
public class ShutdownReadiness implements HealthCheck {

    @Inject
    ShutdownDrain drain;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("shutdown").status(!drain.draining())
                .withData("state", drain.draining() ? "draining" : "running")
                .withData("in_flight", drain.inFlight())
                .withData("open_streams", drain.openStreams())
                .build();
    }
}
