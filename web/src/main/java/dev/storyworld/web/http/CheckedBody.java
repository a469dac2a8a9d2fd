package dev.storyworld.web.http;

import dev.storyworld.common.Violation;
import jakarta.validation.Validator;

import java.util.List;

/**
 * A request body with rules of its own (references between its parts, a document's schemas): when the
 * body breaks the body policy only by unknown or repeated fields, {@link JsonBodyReader} binds it all the
 * same and adds these violations, so that one 400 names every fault of the body.
 */
public interface CheckedBody {

    /** Every violation of the body's own rules, each with its JSON path from the body's root; empty when none. */
    List<Violation> violations(Validator validator);
}
