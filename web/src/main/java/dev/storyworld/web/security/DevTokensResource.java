package dev.storyworld.web.security;

import dev.storyworld.common.StoryworldException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Development tokens; the endpoint does not exist unless {@code storyworld.dev-tokens.enabled}. */
@Path("dev/tokens")
@Public
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class DevTokensResource {

    static final Duration LIFETIME = Duration.ofHours(12);

    public record DevTokenRequest(@NotNull Long userId) {
    }

    public record DevToken(String token, @Schema(type = SchemaType.STRING, format = "date-time") Instant expiresAt) {
    }

    @POST
    @Operation(summary = "Mint a development token for a user id (only when dev tokens are enabled; else 404)")
    @SecurityRequirements
    public DevToken mint(@Valid @NotNull DevTokenRequest request) {
        TokenKeys keys = TokenKeys.current();
        if (!keys.devTokensEnabled()) {
            throw new NotFoundException();
        }
        if (request.userId() <= 0) {
            throw StoryworldException.invalid("invalid_id", "user_id must be a positive integer", List.of());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(LIFETIME);
        return new DevToken(TokenSigner.sign(keys.signingKey(), keys.issuer(), request.userId(), now, expiresAt),
                expiresAt);
    }
}
