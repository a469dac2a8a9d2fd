package dev.storyworld.web.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The authenticated user of the current request, as the numeric {@code sub} of its token.
 * {@link BearerTokenFilter} fills it in once per request, from the principal MP-JWT set: asking
 * MP-JWT for its {@code JsonWebToken} bean again on every use costs a bean lookup through JNDI.
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
