package dev.storyworld.relationships;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TierTest {

    private static final RelationshipRules ORIGIN_EXAMPLE = RelationshipRules.compile(Json.object("""
            {'relationship_schemas': {'default': [{'id':'lover','min':60}, {'id':'stranger','min':0,'max':10},
                                                  {'id':'friend','min':10,'max':60}]}}
            """));

    @ParameterizedTest(name = "default tiers: {0} -> {1}")
    @CsvSource(nullValues = "none", value = {
            "-5, stranger", "0, stranger", "9.999, stranger", "10, acquaintance", "29.99, acquaintance",
            "30, friend", "59.5, friend", "60, close_friend", "79.999999, close_friend", "80, lover", "100, lover",
            "250, lover", "NaN, stranger", "-Infinity, stranger", "Infinity, lover"})
    void defaultTiersAreInclusiveLowerBounds(double affinity, String tier) {
        assertThat(RelationshipRules.defaults().tierFor(affinity)).isEqualTo(tier);
    }

    @ParameterizedTest(name = "schema tiers: {0} -> {1}")
    @CsvSource({
            "-1, stranger", "0, stranger", "10, stranger", "10.0001, friend", "60, friend", "60.5, lover",
            "100, lover", "1000, lover"})
    void schemaTiersMatchBothEndsSoSharedBoundsGoToTheLowerTier(double affinity, String tier) {
        assertThat(ORIGIN_EXAMPLE.tierFor(affinity)).isEqualTo(tier);
    }

    @ParameterizedTest(name = "gaps: {0} -> {1}")
    @CsvSource(nullValues = "none", value = {"0, none", "19.9, none", "20, low", "40, low", "40.1, none", "70, high",
            "100, high"})
    void valuesNoTierHoldsHaveNoTier(double affinity, String tier) {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.tiers(
                "{'id':'high','min':70,'max':null},{'id':'low','min':20,'max':40}")));

        assertThat(rules.tierFor(affinity)).isEqualTo(tier);
    }

    @ParameterizedTest(name = "{0} uses the default tiers")
    @CsvSource(delimiter = '|', value = {
            "no relationship_schemas | {}",
            "no default key | {'relationship_schemas': {'romance': [{'id':'x','min':0}]}}",
            "default not a list | {'relationship_schemas': {'default': {'id':'x','min':0}}}",
            "default null | {'relationship_schemas': {'default': null}}",
            "relationship_schemas not an object | {'relationship_schemas': 'x'}"})
    void metaWithoutDefaultTierListUsesDefaultTiers(String name, String meta) {
        RelationshipRules rules = RelationshipRules.compile(Json.object(meta));

        assertThat(rules.tierFor(65)).isEqualTo("close_friend");
    }

    @Test
    void nullMetaUsesDefaultTiers() {
        assertThat(RelationshipRules.compile(null).tierFor(10)).isEqualTo("acquaintance");
    }

    @Test
    void anEmptyTierListIsASchemaThatMatchesNothing() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.tiers("")));

        assertThat(rules.tierFor(50)).isNull();
    }

    @Test
    void aPointTierWinsItsValueWhateverTheInputOrder() {
        String point = "{'id':'ten','min':10,'max':10}";
        String range = "{'id':'above_ten','min':10,'max':20}";

        for (String tiers : new String[] {point + "," + range, range + "," + point}) {
            Map<String, Object> meta = Json.object(ValidationTest.tiers(tiers));
            RelationshipRules rules = RelationshipRules.compile(meta);
            assertThat(RelationshipRules.validate(meta)).isEmpty();
            assertThat(rules.tierFor(10)).isEqualTo("ten");
            assertThat(rules.tierFor(10.5)).isEqualTo("above_ten");
        }
    }

    @Test
    void compilingAnInvalidSchemaSkipsUnusableTiersAndTrimsIds() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.tiers(
                "'junk', {'id':'','min':0,'max':100}, {'id':' cold ','min':0,'max':'40'},"
                        + "{'id':'warm','min':NaN}, {'id':' cool ','min':0,'max':50}, {'id':'hot','min':50}")));

        assertThat(rules.tierFor(30)).isEqualTo("cool");
        assertThat(rules.tierFor(50)).isEqualTo("cool");
        assertThat(rules.tierFor(51)).isEqualTo("hot");
    }

    @Test
    void overlappingTiersOfAnUnvalidatedSchemaGiveTheFirstBySortOrder() {
        RelationshipRules rules = RelationshipRules.compile(Json.object(ValidationTest.tiers(
                "{'id':'wide','min':0}, {'id':'narrow','min':0,'max':30}, {'id':'b','min':20,'max':90}")));

        assertThat(rules.tierFor(25)).isEqualTo("narrow");
        assertThat(rules.tierFor(40)).isEqualTo("wide");
        assertThat(rules.tierFor(85)).isEqualTo("wide");
    }
}
