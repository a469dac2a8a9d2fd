package dev.storyworld.relationships;

import dev.storyworld.common.Violation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rules of ORIGIN §3.1 for the world meta keys {@code schema_version}, {@code relationship_schemas} and
 * {@code intimacy_schema}. Never throws: every problem becomes a {@link Violation}.
 */
final class SchemaValidator {

    private static final String SCHEMA_VERSION = "schema_version";
    static final String RELATIONSHIP_SCHEMAS = "relationship_schemas";
    static final String INTIMACY_SCHEMA = "intimacy_schema";
    private static final String RELATIONSHIP_TYPE_PREFIX = "relationship:";
    private static final String INTIMACY_TYPE = "intimacy";

    /** Overlap pairs named in one message; the rest are counted, so a hostile schema cannot blow it up. */
    private static final int MAX_LISTED_OVERLAPS = 10;

    private static final BigDecimal MAX_SCHEMA_VERSION = BigDecimal.valueOf(Integer.MAX_VALUE);

    private SchemaValidator() {
    }

    static List<Violation> validate(Map<String, ?> meta) {
        return checkAll(meta).values().stream().flatMap(check -> check.violations().stream()).toList();
    }

    /**
     * Every schema of the meta by report type: {@code relationship:<key>} per key, {@code intimacy} when present,
     * plus {@code schema_version} or {@code relationship_schemas} only when those are themselves malformed.
     */
    static Map<String, SchemaCheck<?>> checkAll(Map<String, ?> meta) {
        Map<String, SchemaCheck<?>> checks = new LinkedHashMap<>();
        if (meta == null) {
            return checks;
        }
        checkVersion(meta.get(SCHEMA_VERSION)).ifPresent(v -> checks.put(SCHEMA_VERSION, SchemaCheck.broken(v)));
        Object schemas = meta.get(RELATIONSHIP_SCHEMAS);
        if (schemas instanceof Map<?, ?> byKey) {
            byKey.forEach((key, tiers) ->
                    checks.put(RELATIONSHIP_TYPE_PREFIX + key, checkTiers(String.valueOf(key), tiers)));
        } else if (schemas != null) {
            checks.put(RELATIONSHIP_SCHEMAS, SchemaCheck.broken(new Violation(RELATIONSHIP_SCHEMAS,
                    "relationship_schemas must be an object mapping schema keys to lists of tiers, got "
                            + JsonValues.describe(schemas))));
        }
        Object intimacy = meta.get(INTIMACY_SCHEMA);
        if (intimacy != null) {
            checks.put(INTIMACY_TYPE, checkIntimacy(intimacy));
        }
        return checks;
    }

    private static Optional<Violation> checkVersion(Object version) {
        BigDecimal exact = version instanceof Number n ? JsonValues.exact(n) : null;
        boolean valid = version == null || exact != null
                && exact.signum() > 0
                && exact.stripTrailingZeros().scale() <= 0
                && exact.compareTo(MAX_SCHEMA_VERSION) <= 0;
        return valid ? Optional.empty() : Optional.of(new Violation(SCHEMA_VERSION,
                "schema_version must be a whole number >= 1, got " + JsonValues.describe(version)));
    }

    /** One key of {@code relationship_schemas}; the entries are the usable tiers sorted by {@link Tier#ORDER}. */
    static SchemaCheck<Tier> checkTiers(String key, Object value) {
        String path = RELATIONSHIP_SCHEMAS + "." + key;
        if (!(value instanceof List<?> list)) {
            return SchemaCheck.broken(new Violation(path, "Relationship schema \"" + key
                    + "\" must be a list of tiers, got " + JsonValues.describe(value)));
        }
        List<Violation> violations = new ArrayList<>();
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            readTier(list.get(i), path + "[" + i + "]", violations).ifPresent(tiers::add);
        }
        tiers.sort(Tier.ORDER);
        duplicates(tiers, Tier::id).ifPresent(ids -> violations.add(new Violation(path,
                "Duplicate tier IDs in relationship schema \"" + key + "\": " + ids)));
        overlaps(tiers).ifPresent(pairs -> violations.add(new Violation(path,
                "Overlapping tiers in relationship schema \"" + key + "\": " + pairs)));
        return new SchemaCheck<>(list.size(), tiers, violations, gaps(tiers));
    }

    /** {@code intimacy_schema}; the entries are the usable levels in array order, which the rules depend on. */
    static SchemaCheck<IntimacyLevel> checkIntimacy(Object schema) {
        if (!(schema instanceof Map<?, ?> object)) {
            return SchemaCheck.broken(new Violation(INTIMACY_SCHEMA,
                    "intimacy_schema must be an object with a \"levels\" list, got " + JsonValues.describe(schema)));
        }
        String path = INTIMACY_SCHEMA + ".levels";
        Object value = object.get("levels");
        if (!(value instanceof List<?> list)) {
            return SchemaCheck.broken(new Violation(path,
                    "levels must be a list of intimacy levels, got " + JsonValues.describe(value)));
        }
        List<Violation> violations = new ArrayList<>();
        List<IntimacyLevel> levels = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            readLevel(list.get(i), path + "[" + i + "]", violations).ifPresent(levels::add);
        }
        duplicates(levels, IntimacyLevel::id).ifPresent(ids -> violations.add(new Violation(path,
                "Duplicate intimacy level IDs found: " + ids)));
        return new SchemaCheck<>(list.size(), levels, violations, List.of());
    }

    private static Optional<Tier> readTier(Object value, String path, List<Violation> violations) {
        if (!(value instanceof Map<?, ?> tier)) {
            violations.add(new Violation(path, "Tier must be an object with \"id\", \"min\" and optional \"max\", got "
                    + JsonValues.describe(value)));
            return Optional.empty();
        }
        int before = violations.size();
        String id = readId(tier.get("id"), path + ".id", "Tier ID", violations);
        BigDecimal min = tier.get("min") == null
                ? reject(path + ".min", "min is required", violations)
                : readPercent(tier.get("min"), path + ".min", "min", violations);
        // A null max means "no upper bound" (the original crashed on it), the same as leaving it out.
        BigDecimal max = tier.get("max") == null
                ? JsonValues.HUNDRED
                : readPercent(tier.get("max"), path + ".max", "max", violations);
        if (min != null && max != null && max.compareTo(min) < 0) {
            violations.add(new Violation(path + ".max", "max (" + JsonValues.format(max)
                    + ") must be >= min (" + JsonValues.format(min) + ")"));
        }
        return violations.size() == before ? Optional.of(new Tier(id, min, max)) : Optional.empty();
    }

    private static Optional<IntimacyLevel> readLevel(Object value, String path, List<Violation> violations) {
        if (!(value instanceof Map<?, ?> level)) {
            violations.add(new Violation(path, "Intimacy level must be an object with \"id\" and at least one "
                    + "threshold, got " + JsonValues.describe(value)));
            return Optional.empty();
        }
        int before = violations.size();
        String id = readId(level.get("id"), path + ".id", "Intimacy level ID", violations);
        BigDecimal minAffinity = readThreshold(level, "minAffinity", path, violations);
        BigDecimal minTrust = readThreshold(level, "minTrust", path, violations);
        BigDecimal minChemistry = readThreshold(level, "minChemistry", path, violations);
        BigDecimal maxTension = readThreshold(level, "maxTension", path, violations);
        boolean anyThreshold = level.get("minAffinity") != null || level.get("minTrust") != null
                || level.get("minChemistry") != null || level.get("maxTension") != null;
        if (!anyThreshold) {
            violations.add(new Violation(path, "Intimacy level must have at least one threshold defined"));
        }
        return violations.size() == before
                ? Optional.of(new IntimacyLevel(id, minAffinity, minTrust, minChemistry, maxTension))
                : Optional.empty();
    }

    /** A threshold left out or null is not set, as in the original's optional fields. */
    private static BigDecimal readThreshold(Map<?, ?> level, String name, String path, List<Violation> violations) {
        Object value = level.get(name);
        return value == null ? null : readPercent(value, path + "." + name, name, violations);
    }

    /** A trimmed non-blank id, or null after recording why not. */
    private static String readId(Object value, String path, String label, List<Violation> violations) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return reject(path, label + " cannot be empty", violations);
        }
        if (!(value instanceof String s)) {
            return reject(path, label + " must be a string, got " + JsonValues.describe(value), violations);
        }
        return s.strip();
    }

    /** A finite number in 0..100, or null after recording why not. */
    private static BigDecimal readPercent(Object value, String path, String label, List<Violation> violations) {
        if (!(value instanceof Number n)) {
            return reject(path, label + " must be a number, got " + JsonValues.describe(value), violations);
        }
        BigDecimal exact = JsonValues.exact(n);
        if (exact == null) {
            return reject(path, label + " must be a finite number, got " + n, violations);
        }
        if (exact.signum() < 0 || exact.compareTo(JsonValues.HUNDRED) > 0) {
            return reject(path, label + " must be between 0 and 100, got " + JsonValues.format(exact), violations);
        }
        return exact;
    }

    private static <T> T reject(String path, String message, List<Violation> violations) {
        violations.add(new Violation(path, message));
        return null;
    }

    /** The ids used more than once, sorted, as {@code {"a", "b"}}. */
    private static <T> Optional<String> duplicates(List<T> entries, Function<T, String> id) {
        TreeSet<String> seen = new TreeSet<>();
        TreeSet<String> duplicated = new TreeSet<>();
        for (T entry : entries) {
            String value = id.apply(entry);
            if (!seen.add(value)) {
                duplicated.add(value);
            }
        }
        if (duplicated.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder("{");
        for (String value : duplicated) {
            text.append(text.length() > 1 ? ", " : "").append('"').append(value).append('"');
        }
        return Optional.of(text.append('}').toString());
    }

    /**
     * Pairs (i &lt; j) of sorted tiers with {@code max_i > min_j}; touching ends are allowed. Because the tiers
     * are sorted by min, the partners of i are a contiguous run found by binary search, so counting stays
     * O(n log n) however many pairs overlap.
     */
    private static Optional<String> overlaps(List<Tier> sorted) {
        List<String> listed = new ArrayList<>();
        long unlisted = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Tier tier = sorted.get(i);
            int end = firstStartingAtOrAfter(sorted, tier.max(), i + 1);
            for (int j = i + 1; j < end; j++) {
                if (listed.size() == MAX_LISTED_OVERLAPS) {
                    unlisted += end - j;
                    break;
                }
                listed.add("Tiers " + tier.describe() + " and " + sorted.get(j).describe() + " overlap");
            }
        }
        if (listed.isEmpty()) {
            return Optional.empty();
        }
        String pairs = String.join("; ", listed);
        return Optional.of(unlisted == 0 ? pairs : pairs + "; and " + unlisted + " more overlapping pairs");
    }

    private static int firstStartingAtOrAfter(List<Tier> sorted, BigDecimal bound, int from) {
        int low = from;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted.get(middle).min().compareTo(bound) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Values no tier covers, measured from the furthest end reached so far so overlapping tiers hide no gap. */
    private static List<String> gaps(List<Tier> sorted) {
        List<String> warnings = new ArrayList<>();
        Tier furthest = null;
        for (Tier tier : sorted) {
            if (furthest != null && furthest.max().compareTo(tier.min()) < 0) {
                warnings.add("Gap between \"" + furthest.id() + "\" (ends at " + JsonValues.format(furthest.max())
                        + ") and \"" + tier.id() + "\" (starts at " + JsonValues.format(tier.min()) + ")");
            }
            if (furthest == null || tier.max().compareTo(furthest.max()) > 0) {
                furthest = tier;
            }
        }
        return warnings;
    }
}
