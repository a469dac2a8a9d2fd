/**
 * The worlds endpoints: thin resources that parse ids and map the service's answers to the API's records
 * ({@code GameWorldDetail}, {@code WorldList}...). Uses {@code world.control}, {@code platform},
 * {@code security} and {@code limits}.
 */
package dev.storyworld.web.worlds;
