package dev.storyworld.web.worlds;

import dev.storyworld.web.platform.SnakeCaseSchemas;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

/**
 * The scheduler config as the OpenAPI document describes it. The service works on the client's
 * own JSON (camelCase keys, unknown keys kept), so this record only describes it and is never bound.
 */
@Schema(name = SchedulerConfigDocument.NAME, description = "The world's scheduler config, kept at meta.simulation. GET fills in"
        + " the defaults; PUT takes any subset of the fields, sets them and keeps the rest; a null, a value of the"
        + " wrong type or out of range is 400 invalid_scheduler_config. Unknown keys are kept as given.",
        extensions = @Extension(name = SnakeCaseSchemas.CLIENT_DOCUMENT, value = "true"))
public record SchedulerConfigDocument(
        @Schema(minimum = "0.1", maximum = "1000", defaultValue = "60.0",
                description = "Game seconds per real second") Double timeScale,
        @Schema(minimum = "1", defaultValue = "50", description = "Integer") Integer maxNpcTicksPerStep,
        @Schema(minimum = "0", defaultValue = "10", description = "Integer") Integer maxJobOpsPerStep,
        @Schema(minimum = "0.1", maximum = "60", defaultValue = "1.0") Double tickIntervalSeconds,
        @Schema(description = "Tiers by name; detailed (default maxNpcs 20), active (100), ambient (500) and dormant"
                + " (5000) are required, others may be added") Map<String, Tier> tiers,
        @Schema(defaultValue = "false") Boolean pauseSimulation,
        @Schema(description = "Any object; default {}") Map<String, Object> meta) {

    /** Referenced by name: an inlined copy would lose the extension that keeps its keys camelCase. */
    public static final String NAME = "SchedulerConfig";

    @Schema(name = "SchedulerTier", extensions = @Extension(name = SnakeCaseSchemas.CLIENT_DOCUMENT, value = "true"))
    public record Tier(@Schema(required = true, minimum = "0", description = "Integer") Integer maxNpcs,
                       String description) {
    }
}
