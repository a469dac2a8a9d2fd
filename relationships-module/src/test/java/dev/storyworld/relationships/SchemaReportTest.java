package dev.storyworld.relationships;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaReportTest {

    @Test
    void reportsEachSchemaInMetaOrder() {
        SchemaReport report = RelationshipRules.report(Json.object("""
                {'intimacy_schema': {'levels': [{'id':'x','minTrust':5}]},
                 'relationship_schemas': {'default': [{'id':'a','min':0,'max':10},{'id':'b','min':10}],
                                          'rivals': [{'id':'foe','min':0,'max':20},{'id':'enemy','min':30,'max':60},
                                                     {'id':'nemesis','min':80}]}}
                """));

        assertThat(report).isEqualTo(new SchemaReport(true, List.of(
                new SchemaHealth("relationship:default", true, 2, List.of(), List.of(), List.of()),
                new SchemaHealth("relationship:rivals", true, 3, List.of(), List.of(
                        "Gap between \"foe\" (ends at 20) and \"enemy\" (starts at 30)",
                        "Gap between \"enemy\" (ends at 60) and \"nemesis\" (starts at 80)"), List.of()),
                new SchemaHealth("intimacy", true, 1, List.of(), List.of(), List.of()))));
    }

    @Test
    void emptyMetaIsValidWithNoSchemas() {
        assertThat(RelationshipRules.report(Json.object("{'simulation': {}}")))
                .isEqualTo(new SchemaReport(true, List.of()));
        assertThat(RelationshipRules.report(null)).isEqualTo(new SchemaReport(true, List.of()));
    }

    @Test
    void gapsAreMeasuredFromTheFurthestEndSoFar() {
        SchemaReport report = RelationshipRules.report(Json.object(ValidationTest.tiers(
                "{'id':'wide','min':0,'max':50},{'id':'inner','min':10,'max':20},{'id':'late','min':70}")));

        assertThat(report.schemaHealth()).singleElement().satisfies(health -> {
            assertThat(health.warnings()).containsExactly("Gap between \"wide\" (ends at 50) and \"late\" (starts at 70)");
            assertThat(health.errors()).hasSize(1);
        });
    }

    @Test
    void invalidSchemaIsReportedWithFieldsCountsAndSuggestions() {
        SchemaReport report = RelationshipRules.report(Json.object("""
                {'relationship_schemas': {'default': [{'id':'a','min':0,'max':60},{'id':'b','min':50,'max':40},
                                                      {'id':'c','min':50}]},
                 'intimacy_schema': {'levels': [{'id':'x'}, 'y']}}
                """));

        assertThat(report.overallValid()).isFalse();
        assertThat(report.schemaHealth()).containsExactly(
                new SchemaHealth("relationship:default", false, 3, List.of(
                        "relationship_schemas.default[1].max: max (40) must be >= min (50)",
                        "relationship_schemas.default: Overlapping tiers in relationship schema \"default\": "
                                + "Tiers \"a\" (0-60) and \"c\" (50-100) overlap"),
                        List.of(), List.of("Swap min and max values, or adjust thresholds",
                        "Adjust tier ranges to eliminate overlaps")),
                new SchemaHealth("intimacy", false, 2, List.of(
                        "intimacy_schema.levels[0]: Intimacy level must have at least one threshold defined",
                        "intimacy_schema.levels[1]: Intimacy level must be an object with \"id\" and at least one "
                                + "threshold, got a string"),
                        List.of(), List.of("Add at least one threshold value for the intimacy level")));
    }

    @Test
    void malformedTopLevelKeysGetTheirOwnEntries() {
        SchemaReport report = RelationshipRules.report(Json.object(
                "{'schema_version': 'one', 'relationship_schemas': 3}"));

        assertThat(report).isEqualTo(new SchemaReport(false, List.of(
                new SchemaHealth("schema_version", false, 0,
                        List.of("schema_version: schema_version must be a whole number >= 1, got a string"),
                        List.of(), List.of(Suggestions.FALLBACK)),
                new SchemaHealth("relationship_schemas", false, 0,
                        List.of("relationship_schemas: relationship_schemas must be an object mapping schema keys "
                                + "to lists of tiers, got 3"),
                        List.of(), List.of(Suggestions.FALLBACK)))));
    }

    static Stream<Arguments> suggestionTable() {
        return Stream.of(
                arguments(ValidationTest.tiers("{'id':'a','min':9,'max':3}"),
                        List.of("Swap min and max values, or adjust thresholds")),
                arguments(ValidationTest.tiers("{'id':'a','min':0,'max':5},{'id':'a','min':5}"),
                        List.of("Rename duplicate IDs to be unique")),
                arguments(ValidationTest.levels("{'id':'a','minTrust':5},{'id':'a','minTrust':6}"),
                        List.of("Rename duplicate IDs to be unique")),
                arguments(ValidationTest.tiers("{'id':'a','min':0,'max':6},{'id':'b','min':5}"),
                        List.of("Adjust tier ranges to eliminate overlaps")),
                arguments(ValidationTest.tiers("{'id':' ','min':0}"), List.of("Provide a valid non-empty ID")),
                arguments(ValidationTest.tiers("{'id':'a','min':-3}"),
                        List.of("Adjust values to be within valid range (0-100)")),
                arguments(ValidationTest.levels("{'id':'a','maxTension':300}"),
                        List.of("Adjust values to be within valid range (0-100)")),
                arguments(ValidationTest.levels("{'id':'a'}"),
                        List.of("Add at least one threshold value for the intimacy level")),
                arguments(ValidationTest.tiers("{'id':'a','min':'0'}"), List.of(Suggestions.FALLBACK)),
                arguments(ValidationTest.tiers("{'id':'a','min':'0'},{'id':'','min':0,'max':200}"),
                        List.of("Provide a valid non-empty ID", "Adjust values to be within valid range (0-100)")),
                arguments(ValidationTest.tiers("{'id':'a','min':0}"), List.of()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("suggestionTable")
    void suggestsFromTheOriginTable(String meta, List<String> suggestions) {
        assertThat(RelationshipRules.report(Json.object(meta)).schemaHealth())
                .singleElement()
                .extracting(SchemaHealth::suggestions)
                .isEqualTo(suggestions);
    }
}
