/**
 * A Java client of Storyworld's HTTP API: {@code StoryworldClient} with one entry per resource
 * ({@code Worlds}, {@code Scenes}, {@code Sessions}), typed records of the answers, the contract's errors as
 * {@code StoryworldException}s, and the retry rules that make writes safe (idempotency keys, version
 * conflicts re-applied, 429 waited out), and live watches of sessions and worlds ({@code Watch}, over the
 * service's event streams). Uses only {@code java.net.http} and JSON-P; no server module.
 */
package dev.storyworld.client;
