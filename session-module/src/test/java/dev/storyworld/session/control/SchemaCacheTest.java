package dev.storyworld.session.control;

import dev.storyworld.relationships.RelationshipRules;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaCacheTest {

    private static final RelationshipRules OLD = RelationshipRules.defaults();
    private static final RelationshipRules NEW = RelationshipRules.compile(Map.of());

    @Test
    void answersOnlyForTheVersionTheRulesWereCompiledFrom() {
        SchemaCache cache = new SchemaCache(10);
        cache.put(1, 3, OLD);

        assertThat(cache.get(1, 3)).containsSame(OLD);
        assertThat(cache.get(1, 4)).isEmpty();
        assertThat(cache.get(2, 3)).isEmpty();
    }

    @Test
    void aNewerVersionReplacesAnOlderOneAndNeverTheOtherWayRound() {
        SchemaCache cache = new SchemaCache(10);
        cache.put(1, 4, NEW);
        cache.put(1, 3, OLD);

        assertThat(cache.get(1, 4)).containsSame(NEW);
        assertThat(cache.get(1, 3)).isEmpty();
    }

    @Test
    void staysWithinItsCapacityAndKeepsTheNewestEntry() {
        SchemaCache cache = new SchemaCache(100);
        for (long world = 1; world <= 1000; world++) {
            cache.put(world, 1, OLD);
            assertThat(cache.size()).isLessThanOrEqualTo(100);
            assertThat(cache.get(world, 1)).containsSame(OLD);
        }
    }

    @Test
    void forgetsADeletedWorld() {
        SchemaCache cache = new SchemaCache(10);
        cache.put(1, 1, OLD);
        cache.forget(1);

        assertThat(cache.get(1, 1)).isEmpty();
        assertThat(cache.size()).isZero();
    }
}
