package dev.storyworld.web.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated user of the current request, as the numeric {@code sub} of its token, which
 * {@link BearerTokenFilter} fills in once per request.
 */
@RequestScoped
public class Caller {

    private Long id;

    void authenticated(long userId) {
        id = userId;
    }

    public long id() {
        if (id == null) {
            throw new IllegalStateException("no authenticated caller; BearerTokenFilter lets none through");
        }
        return id;
    }
}
