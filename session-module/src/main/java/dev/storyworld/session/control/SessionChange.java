package dev.storyworld.session.control;

import dev.storyworld.common.Finite;
import dev.storyworld.common.JsonDocument;
import jakarta.validation.constraints.NotNull;

/**
 * A PATCH: each present field replaces the stored one whole. {@code expected}, from the body's
 * {@code expected_version} or from If-Match, makes the write conditional on the stored version.
 */
public record SessionChange(@Finite Double worldTime, JsonDocument flags, JsonDocument relationships,
                            @NotNull VersionMatch expected) {
}
