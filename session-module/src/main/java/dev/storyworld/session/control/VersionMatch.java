package dev.storyworld.session.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;

import java.util.List;
import java.util.Set;

/**
 * The versions a conditional PATCH may be applied at: any (no condition, or {@code If-Match: *}),
 * or a set of them (an {@code If-Match} list, which holds when any of its tags matches).
 */
public record VersionMatch(Set<Long> versions) {

    public static final VersionMatch ANY = new VersionMatch(null);

    public VersionMatch {
        versions = versions == null ? null : Set.copyOf(versions);
    }

    public boolean matches(long version) {
        return versions == null || versions.contains(version);
    }

    /**
     * The condition of a PATCH from its body's {@code expected_version} and its {@code If-Match}
     * header: each alone, or both when they agree (then the body's version is the condition).
     */
    public static VersionMatch of(Long expectedVersion, VersionMatch ifMatch) {
        if (expectedVersion == null) {
            return ifMatch;
        }
        if (expectedVersion < 1) {
            throw invalid("expected_version", "must be a positive version", "expected_version must be positive");
        }
        if (!ifMatch.matches(expectedVersion)) {
            throw invalid("expected_version", "is not among the versions of If-Match",
                    "expected_version and If-Match disagree");
        }
        return new VersionMatch(Set.of(expectedVersion));
    }

    private static StoryworldException invalid(String field, String message, String detail) {
        return new StoryworldException(ErrorCode.INVALID_REQUEST, detail, List.of(new Violation(field, message)));
    }
}
