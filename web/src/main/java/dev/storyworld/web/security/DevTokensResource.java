package dev.storyworld.web.security;

import dev.storyworld.web.http.RequestParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Development tokens; the endpoint does not exist unless {@code storyworld.dev-tokens.enabled}
 * ({@link DevTokensSwitch}); it is never in the committed OpenAPI document.
 */
@ApplicationScoped
@Path(DevTokensResource.PATH)
@Public
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DevTokensResource {

    public static final String PATH = "dev/tokens";
    static final Duration LIFETIME = Duration.ofHours(12);

    public record DevTokenRequest(JsonValue userId) {
    }

    public record DevToken(String token, Instant expiresAt) {
    }

    @POST
    public DevToken mint(@NotNull DevTokenRequest request) {
        TokenKeys keys = TokenKeys.current();
        long userId = RequestParams.requiredId("user_id", request.userId());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(LIFETIME);
        return new DevToken(TokenSigner.sign(keys.signingKey(), keys.issuer(), userId, now, expiresAt),
                expiresAt);
    }
}
