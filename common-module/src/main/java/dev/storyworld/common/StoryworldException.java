package dev.storyworld.common;

import java.util.List;

/**
 * A refusal the caller can act on, carrying the stable {@link ErrorCode} of the HTTP contract.
 * Services throw it; the web layer turns it into a problem answer, so no module below the web
 * layer writes HTTP.
 */
public class StoryworldException extends RuntimeException {

    private final ErrorCode error;
    private final transient List<Violation> violations;

    public StoryworldException(ErrorCode error, String detail) {
        this(error, detail, List.of());
    }

    public StoryworldException(ErrorCode error, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.error = error;
        this.violations = List.copyOf(violations);
    }

    public ErrorCode error() {
        return error;
    }

    public List<Violation> violations() {
        return violations;
    }
}
