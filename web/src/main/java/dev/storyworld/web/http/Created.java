package dev.storyworld.web.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** 201 with the Location of the new resource, under the collection the request was posted to. */
public final class Created {

    private Created() {
    }

    public static Response.ResponseBuilder at(UriInfo uri, long id) {
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(id)).build());
    }
}
