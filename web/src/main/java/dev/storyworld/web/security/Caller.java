package dev.storyworld.web.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.OptionalLong;

/** The authenticated user of the current request, as the numeric {@code sub} of its token. */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    public long id() {
        return userIdOf(token.getSubject())
                .orElseThrow(() -> new IllegalStateException("no authenticated caller; BearerTokenFilter lets none through"));
    }

    static OptionalLong userIdOf(String subject) {
        if (subject == null || !subject.matches("[1-9][0-9]{0,18}")) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(subject));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
