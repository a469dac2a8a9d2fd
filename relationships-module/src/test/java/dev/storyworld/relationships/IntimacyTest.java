package dev.storyworld.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntimacyTest {

    private static final RelationshipRules ORIGIN_EXAMPLE = RelationshipRules.compile(Json.object("""
            {'intimacy_schema': {'levels': [{'id':'light_flirt','minAffinity':30,'minChemistry':30,'maxTension':40},
                                            {'id':'intimate','minAffinity':70,'minTrust':60,'minChemistry':60}]}}
            """));

    @ParameterizedTest(name = "default: affinity {0} trust {1} chemistry {2} tension {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            "80, 60, 80, 100, very_intimate",
            "100, 100, 100, 0, very_intimate",
            "80, 59.9, 80, 0, intimate",
            "60, 40, 60, 0, intimate",
            "79, 100, 100, 0, intimate",
            "40, 20, 40, 0, deep_flirt",
            "60, 39, 60, 0, deep_flirt",
            "20, 0, 20, 100, light_flirt",
            "45, 10, 45, 0, light_flirt",
            "19.99, 100, 100, 0, none",
            "100, 100, 19, 0, none",
            "0, 0, 0, 0, none",
            "500, 500, 500, 500, very_intimate",
            "-50, 90, 90, 0, none",
            "NaN, 90, 90, 0, none"})
    void defaultRulesFirstMatchFromMostIntimate(double affinity, double trust, double chemistry, double tension,
                                                String level) {
        assertThat(RelationshipRules.defaults().intimacyFor(affinity, trust, chemistry, tension)).isEqualTo(level);
    }

    @ParameterizedTest(name = "schema: affinity {0} trust {1} chemistry {2} tension {3} -> {4}")
    @CsvSource(nullValues = "none", value = {
            "70, 60, 60, 100, intimate",
            "70, 60, 60, 10, intimate",
            "70, 59, 60, 10, light_flirt",
            "30, 0, 30, 40, light_flirt",
            "30, 0, 30, 40.5, none",
            "29, 100, 100, 0, none",
            "150, 200, 100, -20, intimate",
            "31, 0, 31, -5, light_flirt"})
    void schemaLevelsAreTriedFromLastToFirstWithTheirOwnThresholds(double affinity, double trust, double chemistry,
                                                                   double tension, String level) {
        assertThat(ORIGIN_EXAMPLE.intimacyFor(affinity, trust, chemistry, tension)).isEqualTo(level);
    }

    @Test
    void arrayOrderDecidesNotThresholdStrength() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.levels(
                "{'id':'strong','minAffinity':90}, {'id':'weak','minAffinity':10}")));

        assertThat(rules.intimacyFor(95, 0, 0, 0)).isEqualTo("weak");
        assertThat(rules.intimacyFor(5, 0, 0, 0)).isNull();
    }

    @Test
    void tensionIsAnUpperBound() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.levels(
                "{'id':'calm','maxTension':20}")));

        assertThat(rules.intimacyFor(0, 0, 0, 20)).isEqualTo("calm");
        assertThat(rules.intimacyFor(0, 0, 0, 20.01)).isNull();
        assertThat(rules.intimacyFor(0, 0, 0, 1e9)).isNull();
    }

    @Test
    void emptyLevelsMatchNothing() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.levels("")));

        assertThat(rules.intimacyFor(100, 100, 100, 0)).isNull();
    }

    @ParameterizedTest(name = "{0} uses the default intimacy")
    @CsvSource(delimiter = '|', value = {
            "no intimacy_schema | {}",
            "no levels key | {'intimacy_schema': {}}",
            "levels not a list | {'intimacy_schema': {'levels': 'many'}}",
            "intimacy_schema not an object | {'intimacy_schema': [1]}"})
    void metaWithoutLevelsListUsesDefaultIntimacy(String name, String meta) {
        assertThat(RelationshipRules.compile(Json.object(meta)).intimacyFor(60, 40, 60, 100)).isEqualTo("intimate");
    }

    @Test
    void compilingAnInvalidSchemaSkipsUnusableLevels() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.levels(
                "{'id':'a','minAffinity':10}, {'id':'no_threshold'}, {'id':'bad','minTrust':'x'}, 7")));

        assertThat(rules.intimacyFor(50, 50, 50, 50)).isEqualTo("a");
    }
}
