/**
 * The use cases of worlds: ownership, the atomic clock advance (concurrent advances of one world applied
 * together by {@code AdvanceQueue}, one transaction per batch; with idempotency keys one at a time), versioned meta writes
 * (replacement, merge patch, scheduler config) and the schema report, each written as its steps in
 * {@code WorldService}, with the pure rules they apply ({@code WorldMeta}, the Bean Validation constraints of
 * {@code SchedulerConfig}, {@code WorldClock}, {@code MergePatch}). Every statement about the aggregate's
 * tables is one method of the package-private {@code WorldStore}; other modules see worlds through
 * {@code LinkedWorlds}. Uses {@code world.entity}, {@code common} and {@code relationships}; knows nothing
 * of HTTP or of sessions.
 */
package dev.storyworld.world.control;
