package dev.storyworld.common;

import dev.storyworld.common.Violation;

import java.util.List;

/**
 * A refusal the caller can act on, carrying the stable error code of the HTTP contract.
 * Services throw it; the web layer turns its {@link Kind} into a status, so no module below
 * the web layer knows about HTTP.
 */
public class StoryworldException extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;
    private final transient List<Violation> violations;

    public StoryworldException(Kind kind, String code, String detail) {
        this(kind, code, detail, List.of());
    }

    public StoryworldException(Kind kind, String code, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public static StoryworldException invalid(String code, String detail, List<Violation> violations) {
        return new StoryworldException(Kind.INVALID, code, detail, violations);
    }

    public static StoryworldException notFound(String code, String detail) {
        return new StoryworldException(Kind.NOT_FOUND, code, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public List<Violation> violations() {
        return violations;
    }
}
