package dev.storyworld.web.security;

import dev.storyworld.web.http.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * Every endpoint but the {@link Public} ones needs {@code Authorization: Bearer <JWT>} that
 * {@link TokenVerifier} accepts (signature, issuer, expiry, a user id as subject), which becomes the
 * request's {@link Caller}. Runs before the body is read, so an anonymous request learns nothing
 * about its body. The service verifies tokens itself rather than through the server's MP-JWT
 * mechanism: that path cost more than half of every authenticated request (bench/README.md).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    /** Built at the first request: the keys are decided from the configuration once. */
    private static final class Verifier {
        static final TokenVerifier TOKENS = new TokenVerifier(TokenKeys.current().verificationKey(),
                TokenKeys.current().issuer(), Clock.systemUTC());
    }

    @Context
    ResourceInfo resource;

    @Inject
    Caller caller;

    @Inject
    RefusedTokens refusedTokens;

    @Override
    public void filter(ContainerRequestContext request) {
        if (resource.getResourceClass() != null && resource.getResourceClass().isAnnotationPresent(Public.class)) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        OptionalLong userId = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? Verifier.TOKENS.userOf(authorization.substring(BEARER.length()).trim()) : OptionalLong.empty();
        if (userId.isEmpty()) {
            if (authorization != null) {
                refusedTokens.refused();
            }
            request.abortWith(Problem.forStatus(401).toResponse());
            return;
        }
        caller.authenticated(userId.getAsLong());
    }
}
