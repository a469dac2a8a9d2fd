package dev.storyworld.session.control;

import dev.storyworld.common.Finite;
import jakarta.validation.constraints.Positive;

import java.util.Map;

/**
 * A PATCH: each present field replaces the stored one whole. {@code expectedVersion}, from the
 * body or from If-Match, makes the write conditional on nobody having written since.
 */
public record SessionChange(@Finite Double worldTime, Map<String, Object> flags, Map<String, Object> relationships,
                            @Positive Long expectedVersion) {
}
