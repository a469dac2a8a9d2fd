package dev.storyworld.web.security;

import dev.storyworld.web.http.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.ext.Provider;

import java.util.List;

/**
 * With dev tokens off, their endpoint does not exist: every request to it is 404 {@code not_found},
 * whatever its method, media type, body or token. It answers before JAX-RS matches the request,
 * which would otherwise refuse a wrong method or media type of the resource first (405, 415).
 * The committed OpenAPI document never lists the endpoint.
 */
@Provider
@PreMatching
public class DevTokensSwitch implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!TokenKeys.current().devTokensEnabled() && addressesDevTokens(request.getUriInfo().getPathSegments())) {
            request.abortWith(Problem.forStatus(404).toResponse());
        }
    }

    private static boolean addressesDevTokens(List<PathSegment> segments) {
        List<String> names = segments.stream().map(PathSegment::getPath).filter(name -> !name.isEmpty()).limit(2).toList();
        return String.join("/", names).equals(DevTokensResource.PATH);
    }
}
