package dev.storyworld.relationships.bench;

import dev.storyworld.relationships.Normalization;
import dev.storyworld.relationships.RelationshipRules;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Normalizing a session's relationships with 200 NPC entries, with a compiled world schema (the target:
 * at most 50 µs) and with the default rules. The document has the shapes JSON-B gives: BigDecimal axes, nested
 * flags, and the computed keys of an earlier normalization.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NormalizeBenchmark {

    static final int NPCS = 200;

    private RelationshipRules schema;
    private Map<String, Object> relationships;

    @Setup
    public void setUp() {
        Map<String, Object> meta = Map.of(
                "schema_version", BigDecimal.ONE,
                "relationship_schemas", Map.of("default", List.of(
                        tier("stranger", 0, 10), tier("acquaintance", 10, 30), tier("friend", 30, 60),
                        tier("close_friend", 60, 80), tier("lover", 80, 100))),
                "intimacy_schema", Map.of("levels", List.of(
                        Map.of("id", "light_flirt", "minAffinity", number(30), "minChemistry", number(30),
                                "maxTension", number(40)),
                        Map.of("id", "deep_flirt", "minAffinity", number(50), "minTrust", number(30),
                                "minChemistry", number(50)),
                        Map.of("id", "intimate", "minAffinity", number(70), "minTrust", number(60),
                                "minChemistry", number(60)))));
        if (!RelationshipRules.validate(meta).isEmpty()) {
            throw new IllegalStateException("benchmark schema must be valid: " + RelationshipRules.validate(meta));
        }
        schema = RelationshipRules.compile(meta);
        Random random = new Random(42);
        relationships = new LinkedHashMap<>();
        for (int i = 0; i < NPCS; i++) {
            Map<String, Object> npc = new LinkedHashMap<>();
            npc.put("affinity", BigDecimal.valueOf(random.nextInt(1000), 1));
            npc.put("trust", BigDecimal.valueOf(random.nextInt(100)));
            npc.put("chemistry", BigDecimal.valueOf(random.nextInt(1000), 1));
            npc.put("tension", BigDecimal.valueOf(random.nextInt(100)));
            npc.put("flags", Map.of("met", Boolean.TRUE, "lastTopic", "weather"));
            npc.put("tierId", "friend");
            npc.put("intimacyLevelId", null);
            relationships.put("npc:" + (1000 + i), npc);
        }
    }

    @Benchmark
    public Normalization normalize200WithSchema() {
        return schema.normalize(relationships);
    }

    @Benchmark
    public Normalization normalize200WithDefaults() {
        return RelationshipRules.defaults().normalize(relationships);
    }

    private static Map<String, Object> tier(String id, int min, int max) {
        return Map.of("id", id, "min", number(min), "max", number(max));
    }

    private static BigDecimal number(int value) {
        return BigDecimal.valueOf(value);
    }
}
