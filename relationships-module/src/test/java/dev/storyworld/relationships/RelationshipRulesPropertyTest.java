package dev.storyworld.relationships;

import dev.storyworld.common.Violation;
import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Generated inputs: the rules hold for any valid schema and any axis value, not only for the tables. */
class RelationshipRulesPropertyTest {

    /**
     * A valid tier list: tiers laid left to right in tenths, zero width included, each followed by a gap or touching
     * the next. Ids are shuffled so that their order says nothing about the layout.
     */
    @Provide
    Arbitrary<List<Map<String, Object>>> validTiers() {
        Arbitrary<int[]> layout = Arbitraries.integers().between(0, 400).array(int[].class).ofMinSize(1).ofMaxSize(16);
        Arbitrary<List<String>> ids = Arbitraries.shuffle("a", "b", "c", "d", "e", "f", "g", "h", "i");
        return Combinators.combine(layout, Arbitraries.integers().between(0, 2), ids).as((steps, maxStyle, names) -> {
            List<Map<String, Object>> tiers = new ArrayList<>();
            int cursor = steps[0] % 200;
            for (int i = 1; i + 1 < steps.length && cursor <= 1000; i += 2) {
                int max = Math.min(1000, cursor + steps[i]);
                tiers.add(tier(names.get(tiers.size()), cursor, max, maxStyle));
                cursor = max + (steps[i + 1] % 3 == 0 ? 0 : steps[i + 1]);
            }
            if (tiers.isEmpty()) {
                tiers.add(tier("only", cursor % 1001, 1000, maxStyle));
            }
            return tiers;
        });
    }

    /** Any tiers, overlapping or repeated included, so that order independence is not only a property of valid input. */
    @Provide
    Arbitrary<List<Map<String, Object>>> anyTiers() {
        Arbitrary<Map<String, Object>> tier = Combinators.combine(
                Arbitraries.of("a", "b", "c", " a", ""),
                Arbitraries.integers().between(-10, 110),
                Arbitraries.integers().between(-10, 110).injectNull(0.3)).as((id, min, max) -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    map.put("id", id);
                    map.put("min", BigDecimal.valueOf(min));
                    map.put("max", max == null ? null : BigDecimal.valueOf(max));
                    return map;
                });
        return tier.list().ofMaxSize(10);
    }

    @Provide
    Arbitrary<Double> axes() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(-100, 1100).map(tenths -> tenths / 10.0)),
                Tuple.of(2, Arbitraries.doubles()),
                Tuple.of(1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MAX_VALUE, -0.0, Math.nextDown(100.0), Math.nextUp(0.0))));
    }

    @Property
    void aValidSchemaGivesTheLowestTierHoldingTheClampedValue(@ForAll("validTiers") List<Map<String, Object>> tiers,
                                                               @ForAll("axes") double affinity) {
        Map<String, Object> meta = Map.of("relationship_schemas", Map.of("default", tiers));
        double clamped = Double.isNaN(affinity) ? 0 : Math.max(0, Math.min(100, affinity));
        String expected = tiers.stream()
                .filter(t -> min(t) <= clamped && clamped <= max(t))
                .min(Comparator.comparingDouble(RelationshipRulesPropertyTest::min)
                        .thenComparingDouble(RelationshipRulesPropertyTest::max)
                        .thenComparing(t -> (String) t.get("id")))
                .map(t -> (String) t.get("id"))
                .orElse(null);

        assertThat(RelationshipRules.validate(meta)).isEmpty();
        assertThat(RelationshipRules.compile(meta).tierFor(affinity)).isEqualTo(expected);
    }

    @Property
    void theOrderOfTiersInTheInputChangesNothing(@ForAll("anyTiers") List<Map<String, Object>> tiers,
                                                 @ForAll Random random, @ForAll("axes") double affinity) {
        List<Map<String, Object>> shuffled = new ArrayList<>(tiers);
        Collections.shuffle(shuffled, random);
        Map<String, Object> meta = Map.of("relationship_schemas", Map.of("default", tiers));
        Map<String, Object> shuffledMeta = Map.of("relationship_schemas", Map.of("default", shuffled));

        assertThat(RelationshipRules.compile(shuffledMeta).tierFor(affinity))
                .isEqualTo(RelationshipRules.compile(meta).tierFor(affinity));
        assertThat(RelationshipRules.validate(shuffledMeta).isEmpty())
                .isEqualTo(RelationshipRules.validate(meta).isEmpty());
        assertThat(RelationshipRules.report(shuffledMeta).schemaHealth().get(0).warnings())
                .isEqualTo(RelationshipRules.report(meta).schemaHealth().get(0).warnings());
    }

    @Provide
    Arbitrary<Map<String, Object>> relationships() {
        Arbitrary<Object> axis = Arbitraries.oneOf(
                Arbitraries.integers().between(-50, 150).map(i -> (Object) BigDecimal.valueOf(i, 1)),
                Arbitraries.integers().between(-50, 150).map(i -> (Object) i),
                Arbitraries.doubles().between(-1e6, 1e6).map(d -> (Object) d),
                Arbitraries.just(null));
        Arbitrary<Map<String, Object>> npc = Combinators.combine(
                axis.list().ofSize(4), Arbitraries.integers().between(0, 15), Arbitraries.of("lover", "x")).as(
                (values, present, stale) -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    String[] names = {"affinity", "trust", "chemistry", "tension"};
                    for (int i = 0; i < names.length; i++) {
                        if ((present & 1 << i) != 0) {
                            entry.put(names[i], values.get(i));
                        }
                    }
                    entry.put("flags", Map.of("met", present % 2 == 0));
                    if (present > 8) {
                        entry.put("tierId", stale);
                    }
                    return entry;
                });
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 500).map(id -> "npc:" + id),
                Arbitraries.of("player", "faction:1", "npc:x", "npc:"));
        Arbitrary<Object> values = Arbitraries.oneOf(npc.map(m -> (Object) m), Arbitraries.of("note", 7));
        return Combinators.combine(keys, values).as(Map::entry).list().ofMaxSize(30).map(entries -> {
            Map<String, Object> document = new LinkedHashMap<>();
            entries.stream()
                    .filter(e -> !isNpc(e.getKey()) || e.getValue() instanceof Map)
                    .forEach(e -> document.put(e.getKey(), e.getValue()));
            return document;
        });
    }

    @Property
    void normalizingANormalizedDocumentChangesNothing(@ForAll("relationships") Map<String, Object> document,
                                                      @ForAll("validTiers") List<Map<String, Object>> tiers,
                                                      @ForAll boolean withSchema) {
        RelationshipRules rules = withSchema
                ? RelationshipRules.compile(Map.of("relationship_schemas", Map.of("default", tiers)))
                : RelationshipRules.defaults();
        String before = document.toString();

        Normalization once = rules.normalize(document);
        Normalization twice = rules.normalize(once.relationships().fields());

        assertThat(once.valid()).isTrue();
        assertThat(twice).isEqualTo(once);
        assertThat(rules.normalize(document)).isEqualTo(once);
        assertThat(document.toString()).isEqualTo(before);
        assertThat(once.relationships().fields().keySet()).containsExactlyElementsOf(document.keySet());
        once.relationships().fields().forEach((key, value) -> {
            if (isNpc(key)) {
                assertThat(value).asInstanceOf(InstanceOfAssertFactories.MAP).containsKeys("tierId", "intimacyLevelId");
            } else {
                assertThat(value).isEqualTo(document.get(key));
            }
        });
    }

    /** Any JSON-like value, with the keys the rules look at appearing often. */
    @Provide
    Arbitrary<Object> anyJson() {
        Arbitrary<String> keys = Arbitraries.of("relationship_schemas", "intimacy_schema", "schema_version", "default",
                "levels", "id", "min", "max", "minAffinity", "minTrust", "minChemistry", "maxTension", "affinity",
                "trust", "chemistry", "tension", "tierId", "npc:1", "npc:2", "npc:x", " ", "");
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 120).map(i -> (Object) BigDecimal.valueOf(i)),
                Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, 1e300, -0.0, 50.5f, Long.MAX_VALUE, "a", " ", "",
                        true, new BigDecimal("1E+400"), new BigDecimal("1E-400")),
                Arbitraries.just(null));
        return Arbitraries.recursive(() -> leaves, value -> Arbitraries.oneOf(
                value.list().ofMaxSize(4).map(list -> (Object) list),
                Combinators.combine(keys, value).as(AbstractMap.SimpleEntry::new).list().ofMaxSize(4).map(entries -> {
                    Map<String, Object> object = new LinkedHashMap<>();
                    entries.forEach(e -> object.put(e.getKey(), e.getValue()));
                    return (Object) object;
                })), 0, 5);
    }

    @Property
    @SuppressWarnings("unchecked")
    void badShapesNeverThrow(@ForAll("anyJson") Object meta, @ForAll("anyJson") Object relationships) {
        Map<String, Object> metaObject = meta instanceof Map ? (Map<String, Object>) meta : Map.of();
        Map<String, Object> relationshipsObject = relationships instanceof Map
                ? (Map<String, Object>) relationships : Map.of();

        List<Violation> violations = RelationshipRules.validate(metaObject);
        SchemaReport report = RelationshipRules.report(metaObject);
        Normalization normalization = RelationshipRules.compile(metaObject).normalize(relationshipsObject);

        assertThat(report.overallValid()).isEqualTo(violations.isEmpty());
        assertThat(violations).allSatisfy(v -> assertThat(v.message()).isNotBlank());
        assertThat(normalization.valid()).isEqualTo(normalization.relationships() != null);
    }

    @Property
    void finitenessAgreesWithExactReading(@ForAll double value) {
        assertThat(JsonValues.isFinite(value)).isEqualTo(JsonValues.exact(value) != null);
    }

    private static boolean isNpc(String key) {
        return key.matches("npc:-?[0-9]+");
    }

    private static Map<String, Object> tier(String id, int minTenths, int maxTenths, int maxStyle) {
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("id", id);
        tier.put("min", BigDecimal.valueOf(minTenths, 1));
        if (maxTenths < 1000 || maxStyle == 0) {
            tier.put("max", BigDecimal.valueOf(maxTenths, 1));
        } else if (maxStyle == 1) {
            tier.put("max", null);
        }
        return tier;
    }

    private static double min(Map<String, Object> tier) {
        return ((BigDecimal) tier.get("min")).doubleValue();
    }

    private static double max(Map<String, Object> tier) {
        Object max = tier.get("max");
        return max == null ? 100 : ((BigDecimal) max).doubleValue();
    }
}
