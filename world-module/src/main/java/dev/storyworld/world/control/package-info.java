/**
 * The use cases of worlds: ownership, the atomic clock advance with idempotency keys, versioned meta writes
 * (replacement, merge patch, scheduler config) and the schema report, with the pure rules they apply
 * ({@code WorldMeta}, {@code SchedulerConfig}, {@code WorldClock}, {@code MergePatch}). Uses
 * {@code world.entity}, {@code common} and {@code relationships}; knows nothing of HTTP or of sessions.
 */
package dev.storyworld.world.control;
