/**
 * Relationship rules of a world as pure Java (ORIGIN §3, issue 3): validation and reporting of the world meta's
 * {@code relationship_schemas}, {@code intimacy_schema} and {@code schema_version}, and, compiled once per meta,
 * the tier and intimacy level of relationship axes and the normalization of a session's {@code relationships}.
 *
 * <p>Input is what a JSON binding gives for {@code Object}: maps with String keys, lists, any {@link java.lang.Number},
 * strings, booleans and null. Nothing here throws on a bad shape; each problem is a {@link
 * dev.storyworld.common.Violation}. Where the original was silent or crashed, this package decides:
 * <ul>
 *   <li>JSON null counts as absent for a tier's {@code max} (100), an intimacy threshold, {@code schema_version},
 *       {@code relationship_schemas}, {@code intimacy_schema} and a relationship axis (0);</li>
 *   <li>NaN, Infinity and booleans are never numbers; a BigDecimal is finite however large, and is compared exactly
 *       when validating;</li>
 *   <li>a {@code default} tier list or a {@code levels} list that is present but empty is a schema that matches
 *       nothing (null), as in the original; only a missing or non-list one falls back to the defaults;</li>
 *   <li>tiers are ordered by min, then max, then id, so equal mins never depend on the input order;</li>
 *   <li>a normalized session document is a {@link dev.storyworld.common.JsonDocument}, copied once: each NPC entry
 *       goes into it straight from a read-only view of the input's entry with the two ids added, never through an
 *       intermediate copy (copying took about half of the time);</li>
 *   <li>the default rules clamp the axes to 0..100 like the schema rules (the original did not; the results are the
 *       same), and NaN passed to the public methods counts as 0.</li>
 * </ul>
 */
package dev.storyworld.relationships;
