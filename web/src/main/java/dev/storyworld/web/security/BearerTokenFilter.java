package dev.storyworld.web.security;

import dev.storyworld.web.platform.RequestParams;
import dev.storyworld.web.problems.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.OptionalLong;

/**
 * Every endpoint but the {@link Public} ones needs a token that MP-JWT accepted (signature, issuer,
 * expiry) and whose subject is a user id, which becomes the request's {@link Caller}. Runs before
 * the body is read, so an anonymous request learns nothing about its body.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

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
        OptionalLong userId = request.getSecurityContext().getUserPrincipal() instanceof JsonWebToken token
                ? RequestParams.positiveLong(token.getSubject()) : OptionalLong.empty();
        if (userId.isEmpty()) {
            if (request.getHeaderString("Authorization") != null) {
                refusedTokens.refused();
            }
            request.abortWith(Problem.forStatus(401).toResponse());
            return;
        }
        caller.authenticated(userId.getAsLong());
    }
}
