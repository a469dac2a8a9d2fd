package dev.storyworld.relationships;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.Violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NormalizationTest {

    private static final RelationshipRules DEFAULTS = RelationshipRules.defaults();

    static Stream<Arguments> normalizedDocuments() {
        return Stream.of(
                arguments("the API example",
                        "{'npc:12': {'affinity': 72, 'trust': 55, 'chemistry': 40, 'tension': 10}}",
                        "{'npc:12': {'affinity': 72, 'trust': 55, 'chemistry': 40, 'tension': 10,"
                                + " 'tierId': 'close_friend', 'intimacyLevelId': 'deep_flirt'}}"),
                arguments("missing axes count as 0", "{'npc:1': {}}",
                        "{'npc:1': {'tierId': 'stranger', 'intimacyLevelId': null}}"),
                arguments("null axes count as 0 and stay null", "{'npc:1': {'affinity': null, 'trust': 5}}",
                        "{'npc:1': {'affinity': null, 'trust': 5, 'tierId': 'stranger', 'intimacyLevelId': null}}"),
                arguments("stale computed values are overwritten in place",
                        "{'npc:2': {'tierId': 'lover', 'affinity': 15, 'intimacyLevelId': 'x', 'flags': {'met': true}}}",
                        "{'npc:2': {'tierId': 'acquaintance', 'affinity': 15, 'intimacyLevelId': null,"
                                + " 'flags': {'met': true}}}"),
                arguments("axes are clamped for the computation only",
                        "{'npc:3': {'affinity': 250, 'trust': 100, 'chemistry': 1e6, 'tension': -40}}",
                        "{'npc:3': {'affinity': 250, 'trust': 100, 'chemistry': 1e6, 'tension': -40,"
                                + " 'tierId': 'lover', 'intimacyLevelId': 'very_intimate'}}"),
                arguments("other keys pass through untouched, in order",
                        "{'player': 'x', 'npc:abc': 5, 'npc:': null, 'npc:1.5': [], 'npc: 3': 'y', 'faction:2': {'affinity': 90},"
                                + " 'npc:7': {'affinity': 30, 'chemistry': 25}}",
                        "{'player': 'x', 'npc:abc': 5, 'npc:': null, 'npc:1.5': [], 'npc: 3': 'y', 'faction:2': {'affinity': 90},"
                                + " 'npc:7': {'affinity': 30, 'chemistry': 25, 'tierId': 'friend', 'intimacyLevelId': 'light_flirt'}}"),
                arguments("signed and zero-padded ids are integers", "{'npc:-3': {}, 'npc:+04': {'affinity': 80}}",
                        "{'npc:-3': {'tierId': 'stranger', 'intimacyLevelId': null},"
                                + " 'npc:+04': {'affinity': 80, 'tierId': 'lover', 'intimacyLevelId': null}}"),
                arguments("huge exact numbers are finite and clamp", "{'npc:5': {'affinity': 1e400}}",
                        "{'npc:5': {'affinity': 1e400, 'tierId': 'lover', 'intimacyLevelId': null}}"),
                arguments("an empty document", "{}", "{}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizedDocuments")
    void normalizesWithDefaultRules(String name, String input, String expected) {
        Normalization result = DEFAULTS.normalize(Json.object(input));

        assertThat(result.valid()).isTrue();
        assertThat(result.violations()).isEmpty();
        assertThat(result.relationships().fields()).isEqualTo(Json.object(expected));
        assertThat(List.copyOf(result.relationships().fields().keySet())).isEqualTo(List.copyOf(Json.object(expected).keySet()));
    }

    static Stream<Arguments> rejectedDocuments() {
        return Stream.of(
                arguments("entry a number", "{'npc:12': 5}",
                        List.of(v("npc:12", "NPC relationship must be an object, got 5"))),
                arguments("entry null", "{'npc:12': null}",
                        List.of(v("npc:12", "NPC relationship must be an object, got null"))),
                arguments("entry a list", "{'npc:12': [1]}",
                        List.of(v("npc:12", "NPC relationship must be an object, got a list"))),
                arguments("axis a string", "{'npc:12': {'affinity': '50'}}",
                        List.of(v("npc:12.affinity", "affinity must be a finite number, got a string"))),
                arguments("axis a boolean", "{'npc:12': {'trust': true}}",
                        List.of(v("npc:12.trust", "trust must be a finite number, got a boolean"))),
                arguments("axis NaN", "{'npc:12': {'chemistry': NaN}}",
                        List.of(v("npc:12.chemistry", "chemistry must be a finite number, got NaN"))),
                arguments("axis Infinity", "{'npc:12': {'tension': -Infinity}}",
                        List.of(v("npc:12.tension", "tension must be a finite number, got -Infinity"))),
                arguments("axis an object", "{'npc:12': {'affinity': {'value': 3}}}",
                        List.of(v("npc:12.affinity", "affinity must be a finite number, got an object"))),
                arguments("every violation, in document order",
                        "{'npc:2': {'affinity': 'x', 'tension': []}, 'ok': 1, 'npc:1': 'y', 'npc:3': {'trust': 4}}",
                        List.of(v("npc:2.affinity", "affinity must be a finite number, got a string"),
                                v("npc:2.tension", "tension must be a finite number, got a list"),
                                v("npc:1", "NPC relationship must be an object, got a string"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedDocuments")
    void rejectsBadEntriesWithViolations(String name, String input, List<Violation> expected) {
        Normalization result = DEFAULTS.normalize(Json.object(input));

        assertThat(result.valid()).isFalse();
        assertThat(result.relationships()).isNull();
        assertThat(result.violations()).containsExactlyElementsOf(expected);
    }

    @Test
    void usesTheCompiledSchema() {
        RelationshipRules rules = RelationshipRules.compile(Json.object("""
                {'relationship_schemas': {'default': [{'id':'cold','min':0,'max':50},{'id':'warm','min':50}]},
                 'intimacy_schema': {'levels': [{'id':'spark','minChemistry':10}]}}
                """));

        Normalization result = rules.normalize(Json.object("{'npc:1': {'affinity': 50, 'chemistry': 10}}"));

        assertThat(result.relationships().fields()).isEqualTo(Json.object(
                "{'npc:1': {'affinity': 50, 'chemistry': 10, 'tierId': 'cold', 'intimacyLevelId': 'spark'}}"));
    }

    @Test
    void nullTierAndLevelAreWrittenAsNull() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(
                "{'relationship_schemas': {'default': [{'id':'high','min':90}]}, 'intimacy_schema': {'levels': []}}"));

        Map<String, Object> normalized = rules.normalize(Json.object("{'npc:1': {'affinity': 10}}")).relationships().fields();

        assertThat(normalized).isEqualTo(Json.object(
                "{'npc:1': {'affinity': 10, 'tierId': null, 'intimacyLevelId': null}}"));
    }

    @Test
    void neverChangesTheInputAndAcceptsUnmodifiableMaps() {
        Map<String, Object> input = Collections.unmodifiableMap(Json.object(
                "{'npc:1': {'affinity': 90, 'trust': 90, 'chemistry': 90}, 'misc': {'a': [1, 2]}}"));
        Object before = Json.object("{'npc:1': {'affinity': 90, 'trust': 90, 'chemistry': 90}, 'misc': {'a': [1, 2]}}");

        Map<String, Object> normalized = DEFAULTS.normalize(input).relationships().fields();

        assertThat(input).isEqualTo(before);
        assertThat(normalized).isNotSameAs(input);
        assertThat(normalized.get("npc:1")).isNotSameAs(input.get("npc:1"));
        assertThat(normalized.get("misc")).isEqualTo(input.get("misc"));
    }

    @Test
    void npcEntriesKeepTheirKeyOrderAndCannotBeChanged() {
        Map<String, Object> normalized = DEFAULTS.normalize(Json.object(
                "{'npc:1': {'intimacyLevelId': 'old', 'affinity': 45, 'flags': {}, 'chemistry': 45, 'trust': 20}}"))
                .relationships().fields();

        Map<?, ?> npc = (Map<?, ?>) normalized.get("npc:1");
        assertThat(List.<Object>copyOf(npc.keySet()))
                .containsExactly("intimacyLevelId", "affinity", "flags", "chemistry", "trust", "tierId");
        assertThat(npc.get("intimacyLevelId")).isEqualTo("deep_flirt");
        assertThat(npc.get("tierId")).isEqualTo("friend");
        assertThat(npc.containsKey("tension")).isFalse();
        assertThat(npc.get("tension")).isNull();
        assertThat(npc).hasSize(6).isEqualTo(Json.object("{'affinity': 45, 'trust': 20, 'chemistry': 45, 'flags': {},"
                + " 'tierId': 'friend', 'intimacyLevelId': 'deep_flirt'}"));
        assertThat(npc.hashCode()).isEqualTo(Json.object("{'affinity': 45, 'trust': 20, 'chemistry': 45,"
                + " 'flags': {}, 'tierId': 'friend', 'intimacyLevelId': 'deep_flirt'}").hashCode());
        assertThatThrownBy(() -> npc.remove("affinity")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(npc::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    static Stream<Arguments> keyOrders() {
        return Stream.of(
                arguments("{'affinity': 1}", List.of("affinity", "tierId", "intimacyLevelId")),
                arguments("{'tierId': 'x', 'affinity': 1, 'intimacyLevelId': 'y', 'flags': []}",
                        List.of("tierId", "affinity", "intimacyLevelId", "flags")),
                arguments("{'intimacyLevelId': 'y', 'trust': 1}", List.of("intimacyLevelId", "trust", "tierId")),
                arguments("{'tierId': null}", List.of("tierId", "intimacyLevelId")),
                arguments("{}", List.of("tierId", "intimacyLevelId")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("keyOrders")
    void computedKeysReplaceInPlaceOrAreAppended(String npc, List<String> keys) {
        Map<?, ?> normalized = (Map<?, ?>) DEFAULTS.normalize(Map.of("npc:1", Json.object(npc))).relationships().fields()
                .get("npc:1");

        assertThat(List.<Object>copyOf(normalized.keySet())).isEqualTo(keys);
        assertThat(normalized).hasSize(keys.size());
        assertThat(normalized.entrySet()).hasSize(keys.size());
    }

    @Test
    void nullDocumentNormalizesToAnEmptyOne() {
        Normalization result = DEFAULTS.normalize(null);

        assertThat(result.valid()).isTrue();
        assertThat(result.relationships().fields()).isEmpty();
    }

    @Test
    void readsEveryNumberType() {
        Map<String, Object> input = Map.of("npc:1", Map.of("affinity", 80L, "trust", 60, "chemistry", 80.0f,
                "tension", (byte) 1));

        assertThat(DEFAULTS.normalize(input).relationships().fields().get("npc:1"))
                .isEqualTo(Map.of("affinity", 80L, "trust", 60, "chemistry", 80.0f, "tension", (byte) 1,
                        "tierId", "lover", "intimacyLevelId", "very_intimate"));
    }

    @Test
    void aResultIsEitherADocumentOrViolations() {
        assertThatThrownBy(() -> new Normalization(null, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Normalization(JsonDocument.EMPTY, List.of(v("npc:1", "bad"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Violation v(String field, String message) {
        return new Violation(field, message);
    }
}
