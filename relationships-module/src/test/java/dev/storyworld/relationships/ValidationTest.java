package dev.storyworld.relationships;

import dev.storyworld.common.Violation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationTest {

    private static final String ORIGIN_EXAMPLE = """
            { 'schema_version': 1,
              'relationship_schemas': { 'default': [ {'id':'stranger','min':0,'max':10},
                                                     {'id':'friend','min':10,'max':60}, {'id':'lover','min':60} ] },
              'intimacy_schema': { 'levels': [ {'id':'light_flirt','minAffinity':30,'minChemistry':30,'maxTension':40},
                                               {'id':'intimate','minAffinity':70,'minTrust':60,'minChemistry':60} ] } }
            """;

    static Stream<Arguments> validMetas() {
        return Stream.of(
                arguments("empty meta", "{}"),
                arguments("ORIGIN example", ORIGIN_EXAMPLE),
                arguments("other keys are not looked at",
                        "{'simulation': 'garbage', 'npc_mood_schema': 5, 'reputation_schemas': [1]}"),
                arguments("null schemas count as absent",
                        "{'relationship_schemas': null, 'intimacy_schema': null, 'schema_version': null}"),
                arguments("max null means 100",
                        "{'relationship_schemas': {'default': [{'id':'a','min':0,'max':null}]}}"),
                arguments("touching ends are allowed",
                        "{'relationship_schemas': {'default': [{'id':'a','min':0,'max':50},{'id':'b','min':50}]}}"),
                arguments("gaps are not errors",
                        "{'relationship_schemas': {'default': [{'id':'a','min':0,'max':20},{'id':'b','min':40}]}}"),
                arguments("a point tier next to a tier with the same min, listed last",
                        "{'relationship_schemas': {'k': [{'id':'b','min':10,'max':20},{'id':'a','min':10,'max':10}]}}"),
                arguments("missing max on the last tier",
                        "{'relationship_schemas': {'default': [{'id':'b','min':50},{'id':'a','min':0,'max':50}]}}"),
                arguments("a tier without max starting at 100 touches the one before",
                        "{'relationship_schemas': {'default': [{'id':'a','min':0},{'id':'b','min':100}]}}"),
                arguments("bounds 0 and 100 and decimals",
                        "{'relationship_schemas': {'default': [{'id':'a','min':0,'max':33.3},{'id':'b','min':33.3,'max':100.0}]}}"),
                arguments("empty tier list", "{'relationship_schemas': {'default': []}}"),
                arguments("empty levels list", "{'intimacy_schema': {'levels': []}}"),
                arguments("a null threshold beside a set one",
                        "{'intimacy_schema': {'levels': [{'id':'x','minTrust':null,'maxTension':0}]}}"),
                arguments("schema_version 2 and 1.0 are whole numbers", "{'schema_version': 2.0}"),
                arguments("unknown tier fields are ignored",
                        "{'relationship_schemas': {'default': [{'id':'a','min':0,'label':'A','color':7}]}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validMetas")
    void acceptsValidMeta(String name, String meta) {
        assertThat(RelationshipRules.validate(Json.object(meta))).isEmpty();
    }

    @Test
    void acceptsNullMeta() {
        assertThat(RelationshipRules.validate(null)).isEmpty();
    }

    static Stream<Arguments> invalidMetas() {
        String d = "relationship_schemas.default";
        return Stream.of(
                arguments("relationship_schemas not an object", "{'relationship_schemas': [1]}",
                        List.of(v("relationship_schemas",
                                "relationship_schemas must be an object mapping schema keys to lists of tiers, got a list"))),
                arguments("schema key not a list", "{'relationship_schemas': {'default': {'id':'a'}}}",
                        List.of(v(d, "Relationship schema \"default\" must be a list of tiers, got an object"))),
                arguments("schema key null", "{'relationship_schemas': {'romance': null}}",
                        List.of(v("relationship_schemas.romance",
                                "Relationship schema \"romance\" must be a list of tiers, got null"))),
                arguments("tier not an object", "{'relationship_schemas': {'default': ['friend']}}",
                        List.of(v(d + "[0]",
                                "Tier must be an object with \"id\", \"min\" and optional \"max\", got a string"))),
                arguments("tier id missing", tiers("{'min':0}"),
                        List.of(v(d + "[0].id", "Tier ID cannot be empty"))),
                arguments("tier id blank after trimming", tiers("{'id':'  ','min':0}"),
                        List.of(v(d + "[0].id", "Tier ID cannot be empty"))),
                arguments("tier id not a string", tiers("{'id':5,'min':0}"),
                        List.of(v(d + "[0].id", "Tier ID must be a string, got 5"))),
                arguments("min missing", tiers("{'id':'a'}"), List.of(v(d + "[0].min", "min is required"))),
                arguments("min null", tiers("{'id':'a','min':null}"), List.of(v(d + "[0].min", "min is required"))),
                arguments("min a string", tiers("{'id':'a','min':'10'}"),
                        List.of(v(d + "[0].min", "min must be a number, got a string"))),
                arguments("min a boolean", tiers("{'id':'a','min':true}"),
                        List.of(v(d + "[0].min", "min must be a number, got a boolean"))),
                arguments("min NaN", tiers("{'id':'a','min':NaN}"),
                        List.of(v(d + "[0].min", "min must be a finite number, got NaN"))),
                arguments("max Infinity", tiers("{'id':'a','min':0,'max':Infinity}"),
                        List.of(v(d + "[0].max", "max must be a finite number, got Infinity"))),
                arguments("min below 0", tiers("{'id':'a','min':-1}"),
                        List.of(v(d + "[0].min", "min must be between 0 and 100, got -1"))),
                arguments("min above 100", tiers("{'id':'a','min':100.5}"),
                        List.of(v(d + "[0].min", "min must be between 0 and 100, got 100.5"))),
                arguments("max above 100 beyond double precision", tiers("{'id':'a','min':0,'max':100.0000000000000000001}"),
                        List.of(v(d + "[0].max", "max must be between 0 and 100, got 100.0000000000000000001"))),
                arguments("max an object", tiers("{'id':'a','min':0,'max':{}}"),
                        List.of(v(d + "[0].max", "max must be a number, got an object"))),
                arguments("max below min", tiers("{'id':'a','min':20,'max':10.50}"),
                        List.of(v(d + "[0].max", "max (10.5) must be >= min (20)"))),
                arguments("every problem of a tier at once", tiers("{'id':'','min':'x','max':500}"),
                        List.of(v(d + "[0].id", "Tier ID cannot be empty"),
                                v(d + "[0].min", "min must be a number, got a string"),
                                v(d + "[0].max", "max must be between 0 and 100, got 500"))),
                arguments("duplicate ids, compared trimmed", tiers(
                                "{'id':'b','min':0,'max':10},{'id':' b ','min':10,'max':20},"
                                        + "{'id':'a','min':20,'max':30},{'id':'a','min':30,'max':40}"),
                        List.of(v(d, "Duplicate tier IDs in relationship schema \"default\": {\"a\", \"b\"}"))),
                arguments("overlap", tiers("{'id':'b','min':40},{'id':'a','min':0,'max':50}"),
                        List.of(v(d, "Overlapping tiers in relationship schema \"default\": "
                                + "Tiers \"a\" (0-50) and \"b\" (40-100) overlap"))),
                arguments("a missing max before the last tier overlaps", tiers("{'id':'a','min':0},{'id':'b','min':50}"),
                        List.of(v(d, "Overlapping tiers in relationship schema \"default\": "
                                + "Tiers \"a\" (0-100) and \"b\" (50-100) overlap"))),
                arguments("every overlapping pair, not only neighbours", tiers(
                                "{'id':'all','min':0,'max':100},{'id':'b','min':10,'max':20},{'id':'c','min':30,'max':40}"),
                        List.of(v(d, "Overlapping tiers in relationship schema \"default\": "
                                + "Tiers \"all\" (0-100) and \"b\" (10-20) overlap; "
                                + "Tiers \"all\" (0-100) and \"c\" (30-40) overlap"))),
                arguments("the schema key is named", "{'relationship_schemas': {'rivals': ["
                                + "{'id':'a','min':0,'max':60},{'id':'b','min':50}]}}",
                        List.of(v("relationship_schemas.rivals", "Overlapping tiers in relationship schema \"rivals\": "
                                + "Tiers \"a\" (0-60) and \"b\" (50-100) overlap"))),
                arguments("invalid tiers are left out of the overlap check",
                        tiers("{'id':'a','min':0,'max':80},{'id':'b','min':90,'max':10}"),
                        List.of(v(d + "[1].max", "max (10) must be >= min (90)"))),
                arguments("schema_version zero", "{'schema_version': 0}",
                        List.of(v("schema_version", "schema_version must be a whole number >= 1, got 0"))),
                arguments("schema_version fractional", "{'schema_version': 1.5}",
                        List.of(v("schema_version", "schema_version must be a whole number >= 1, got 1.5"))),
                arguments("schema_version a string", "{'schema_version': '1'}",
                        List.of(v("schema_version", "schema_version must be a whole number >= 1, got a string"))),
                arguments("schema_version too large for an int", "{'schema_version': 2147483648}",
                        List.of(v("schema_version", "schema_version must be a whole number >= 1, got 2147483648"))),
                arguments("intimacy_schema not an object", "{'intimacy_schema': 'yes'}",
                        List.of(v("intimacy_schema", "intimacy_schema must be an object with a \"levels\" list, got a string"))),
                arguments("levels missing", "{'intimacy_schema': {}}",
                        List.of(v("intimacy_schema.levels", "levels must be a list of intimacy levels, got null"))),
                arguments("levels not a list", "{'intimacy_schema': {'levels': {'id':'x'}}}",
                        List.of(v("intimacy_schema.levels", "levels must be a list of intimacy levels, got an object"))),
                arguments("level not an object", "{'intimacy_schema': {'levels': [3]}}",
                        List.of(v("intimacy_schema.levels[0]",
                                "Intimacy level must be an object with \"id\" and at least one threshold, got 3"))),
                arguments("level id blank", levels("{'id':' ','minTrust':1}"),
                        List.of(v("intimacy_schema.levels[0].id", "Intimacy level ID cannot be empty"))),
                arguments("level id not a string", levels("{'id':['x'],'minTrust':1}"),
                        List.of(v("intimacy_schema.levels[0].id", "Intimacy level ID must be a string, got a list"))),
                arguments("level without thresholds", levels("{'id':'x'}"),
                        List.of(v("intimacy_schema.levels[0]", "Intimacy level must have at least one threshold defined"))),
                arguments("level with only null thresholds", levels("{'id':'x','minAffinity':null,'maxTension':null}"),
                        List.of(v("intimacy_schema.levels[0]", "Intimacy level must have at least one threshold defined"))),
                arguments("threshold out of range", levels("{'id':'x','minAffinity':101,'maxTension':-0.5}"),
                        List.of(v("intimacy_schema.levels[0].minAffinity", "minAffinity must be between 0 and 100, got 101"),
                                v("intimacy_schema.levels[0].maxTension", "maxTension must be between 0 and 100, got -0.5"))),
                arguments("threshold not a number", levels("{'id':'x','minTrust':'high','minChemistry':false}"),
                        List.of(v("intimacy_schema.levels[0].minTrust", "minTrust must be a number, got a string"),
                                v("intimacy_schema.levels[0].minChemistry", "minChemistry must be a number, got a boolean"))),
                arguments("threshold not finite", levels("{'id':'x','minChemistry':-Infinity}"),
                        List.of(v("intimacy_schema.levels[0].minChemistry",
                                "minChemistry must be a finite number, got -Infinity"))),
                arguments("duplicate level ids", levels("{'id':'x','minTrust':1},{'id':'x ','minTrust':2}"),
                        List.of(v("intimacy_schema.levels", "Duplicate intimacy level IDs found: {\"x\"}"))),
                arguments("problems of several schemas together", "{'schema_version': -1, "
                                + "'relationship_schemas': {'default': [{'id':'a','min':0,'max':101}]}, 'intimacy_schema': []}",
                        List.of(v("schema_version", "schema_version must be a whole number >= 1, got -1"),
                                v(d + "[0].max", "max must be between 0 and 100, got 101"),
                                v("intimacy_schema", "intimacy_schema must be an object with a \"levels\" list, got a list"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidMetas")
    void reportsEveryViolation(String name, String meta, List<Violation> expected) {
        assertThat(RelationshipRules.validate(Json.object(meta))).containsExactlyElementsOf(expected);
    }

    @Test
    void readsEveryNumberTypeAndRefusesNonFiniteDoubles() {
        Map<String, Object> meta = Map.of("relationship_schemas", Map.of("default", List.of(
                Map.of("id", "a", "min", 0, "max", 10L),
                Map.of("id", "b", "min", 10.0f, "max", new BigDecimal("2E+1")),
                Map.of("id", "c", "min", 20.5, "max", Double.NaN),
                Map.of("id", "d", "min", (short) 30, "max", Float.POSITIVE_INFINITY))));

        assertThat(RelationshipRules.validate(meta)).containsExactly(
                v("relationship_schemas.default[2].max", "max must be a finite number, got NaN"),
                v("relationship_schemas.default[3].max", "max must be a finite number, got Infinity"));
    }

    @Test
    void namesTenOverlapsAndCountsTheRest() {
        StringBuilder tiers = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            tiers.append(i == 0 ? "" : ",").append("{'id':'t").append(i).append("','min':0}");
        }

        List<Violation> violations = RelationshipRules.validate(Json.object(tiers(tiers.toString())));

        String listed = "Tiers \"t0\" (0-100) and \"t1\" (0-100) overlap; Tiers \"t0\" (0-100) and \"t2\" (0-100) overlap; "
                + "Tiers \"t0\" (0-100) and \"t3\" (0-100) overlap; Tiers \"t0\" (0-100) and \"t4\" (0-100) overlap; "
                + "Tiers \"t0\" (0-100) and \"t5\" (0-100) overlap; Tiers \"t0\" (0-100) and \"t6\" (0-100) overlap; "
                + "Tiers \"t1\" (0-100) and \"t2\" (0-100) overlap; Tiers \"t1\" (0-100) and \"t3\" (0-100) overlap; "
                + "Tiers \"t1\" (0-100) and \"t4\" (0-100) overlap; Tiers \"t1\" (0-100) and \"t5\" (0-100) overlap";
        assertThat(violations).containsExactly(v("relationship_schemas.default",
                "Overlapping tiers in relationship schema \"default\": " + listed + "; and 11 more overlapping pairs"));
    }

    static String tiers(String tiers) {
        return "{'relationship_schemas': {'default': [" + tiers + "]}}";
    }

    static String levels(String levels) {
        return "{'intimacy_schema': {'levels': [" + levels + "]}}";
    }

    static Violation v(String field, String message) {
        return new Violation(field, message);
    }
}
