/**
 * The worlds endpoints: thin resources that parse ids and bodies and map each answer of
 * {@code world.control} to a record of this package through its one static {@code of} factory
 * ({@code WorldBody}, {@code WorldListBody}, {@code WorldSchemaHealthBody}, {@code SchedulerStateBody}), so no
 * control type is serialised; the scheduler config, a client document, is answered as a {@code JsonDocument}. Uses
 * {@code world.control}, {@code common}, {@code http}, {@code security} and {@code limits}.
 */
package dev.storyworld.web.worlds;
