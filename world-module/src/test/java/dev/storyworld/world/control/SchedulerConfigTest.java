package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocuments;
import dev.storyworld.common.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerConfigTest {

    private static final String DEFAULTS = "{\"timeScale\":60.0,\"maxNpcTicksPerStep\":50,\"maxJobOpsPerStep\":10,"
            + "\"tickIntervalSeconds\":1.0,\"tiers\":{"
            + "\"detailed\":{\"maxNpcs\":20,\"description\":\"NPCs near player or critical to scene\"},"
            + "\"active\":{\"maxNpcs\":100,\"description\":\"NPCs relevant to current session/arcs\"},"
            + "\"ambient\":{\"maxNpcs\":500,\"description\":\"NPCs in same world but not focused\"},"
            + "\"dormant\":{\"maxNpcs\":5000,\"description\":\"NPCs not actively simulated\"}},"
            + "\"pauseSimulation\":false,\"meta\":{}}";

    private static Map<String, Object> json(String text) {
        return JsonDocuments.read(text);
    }

    private static List<Violation> afterPatch(String patch) {
        return SchedulerConfig.validate(SchedulerConfig.merge(SchedulerConfig.defaults(), json(patch)));
    }

    @Test
    void defaultsAreTheOriginalsDefaultConfigAndValid() {
        assertThat(JsonDocuments.write(SchedulerConfig.defaults())).isEqualTo(DEFAULTS);
        assertThat(SchedulerConfig.validate(SchedulerConfig.defaults())).isEmpty();
    }

    @Test
    void defaultsAreAFreshCopyEachTime() {
        SchedulerConfig.defaults().put("timeScale", null);
        assertThat(JsonDocuments.write(SchedulerConfig.defaults())).isEqualTo(DEFAULTS);
    }

    @Test
    void effectiveFillsTheDefaultsInAndKeepsUnknownKeys() {
        Map<String, Object> config = SchedulerConfig.effective(json("{\"timeScale\":2,\"enabled\":true}"));
        assertThat(config).containsEntry("enabled", true).containsEntry("maxJobOpsPerStep", BigDecimal.valueOf(10));
        assertThat(JsonDocuments.write(config)).startsWith("{\"timeScale\":2,\"maxNpcTicksPerStep\":50,")
                .endsWith(",\"enabled\":true}");
    }

    @Test
    void effectiveOfNothingOrOfANonObjectIsTheDefaults() {
        assertThat(JsonDocuments.write(SchedulerConfig.effective(null))).isEqualTo(DEFAULTS);
        assertThat(JsonDocuments.write(SchedulerConfig.effective("fast"))).isEqualTo(DEFAULTS);
    }

    @Test
    void mergeSetsWholeFieldsAsSentIncludingNull() {
        Map<String, Object> merged = SchedulerConfig.merge(SchedulerConfig.defaults(),
                json("{\"tiers\":{\"detailed\":{\"maxNpcs\":1}},\"meta\":null}"));
        assertThat(merged.get("tiers")).isEqualTo(json("{\"detailed\":{\"maxNpcs\":1}}"));
        assertThat(merged).containsEntry("meta", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"timeScale\":0.1}", "{\"timeScale\":1000}", "{\"timeScale\":1000.000}",
            "{\"maxNpcTicksPerStep\":1}", "{\"maxNpcTicksPerStep\":50.0}", "{\"maxNpcTicksPerStep\":2147483647}",
            "{\"maxJobOpsPerStep\":0}", "{\"tickIntervalSeconds\":0.1}", "{\"tickIntervalSeconds\":60}",
            "{\"pauseSimulation\":true}", "{\"meta\":{\"anything\":[1,null]}}", "{\"unknown\":null}",
            "{\"tiers\":{\"detailed\":{\"maxNpcs\":0},\"active\":{\"maxNpcs\":0},\"ambient\":{\"maxNpcs\":0},"
                    + "\"dormant\":{\"maxNpcs\":0,\"extra\":1},\"custom\":{\"maxNpcs\":3,\"description\":\"x\"}}}",
    })
    void acceptsEveryValueInRange(String patch) {
        assertThat(afterPatch(patch)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"timeScale\":null}                   | timeScale           | must not be null",
            "{\"timeScale\":\"fast\"}               | timeScale           | must be a number",
            "{\"timeScale\":true}                   | timeScale           | must be a number",
            "{\"timeScale\":[1]}                    | timeScale           | must be a number",
            "{\"timeScale\":0.05}                   | timeScale           | must be between 0.1 and 1000",
            "{\"timeScale\":0}                      | timeScale           | must be between 0.1 and 1000",
            "{\"timeScale\":-1}                     | timeScale           | must be between 0.1 and 1000",
            "{\"timeScale\":1000.5}                 | timeScale           | must be between 0.1 and 1000",
            "{\"timeScale\":1e999}                  | timeScale           | must be between 0.1 and 1000",
            "{\"maxNpcTicksPerStep\":0}             | maxNpcTicksPerStep  | must be at least 1",
            "{\"maxNpcTicksPerStep\":1.5}           | maxNpcTicksPerStep  | must be an integer",
            "{\"maxNpcTicksPerStep\":\"50\"}        | maxNpcTicksPerStep  | must be an integer",
            "{\"maxNpcTicksPerStep\":false}         | maxNpcTicksPerStep  | must be an integer",
            "{\"maxNpcTicksPerStep\":null}          | maxNpcTicksPerStep  | must not be null",
            "{\"maxNpcTicksPerStep\":2147483648}    | maxNpcTicksPerStep  | must be at most 2147483647",
            "{\"maxJobOpsPerStep\":-1}              | maxJobOpsPerStep    | must be at least 0",
            "{\"maxJobOpsPerStep\":0.5}             | maxJobOpsPerStep    | must be an integer",
            "{\"tickIntervalSeconds\":0.09}         | tickIntervalSeconds | must be between 0.1 and 60",
            "{\"tickIntervalSeconds\":60.01}        | tickIntervalSeconds | must be between 0.1 and 60",
            "{\"tickIntervalSeconds\":null}         | tickIntervalSeconds | must not be null",
            "{\"pauseSimulation\":\"yes\"}          | pauseSimulation     | must be true or false",
            "{\"pauseSimulation\":0}                | pauseSimulation     | must be true or false",
            "{\"pauseSimulation\":null}             | pauseSimulation     | must not be null",
            "{\"meta\":null}                        | meta                | must not be null",
            "{\"meta\":[]}                          | meta                | must be an object",
            "{\"tiers\":null}                       | tiers               | must not be null",
            "{\"tiers\":[]}                         | tiers               | must be an object",
    })
    void refusesEachBrokenField(String patch, String field, String message) {
        assertThat(afterPatch(patch)).containsExactly(new Violation(field, message));
    }

    @Test
    void everyStandardTierIsRequired() {
        assertThat(afterPatch("{\"tiers\":{\"detailed\":{\"maxNpcs\":1},\"ambient\":{\"maxNpcs\":1}}}"))
                .extracting(Violation::field)
                .containsExactly("tiers.active", "tiers.dormant");
    }

    @Test
    void everyTierNeedsAWholeMaxNpcsOfAtLeastZeroAndAStringDescription() {
        assertThat(afterPatch("{\"tiers\":{\"detailed\":{\"maxNpcs\":-1},\"active\":{\"maxNpcs\":\"many\"},"
                + "\"ambient\":{},\"dormant\":{\"maxNpcs\":null,\"description\":7},\"extra\":3}}"))
                .containsExactly(
                        new Violation("tiers.detailed.maxNpcs", "must be at least 0"),
                        new Violation("tiers.active.maxNpcs", "must be an integer"),
                        new Violation("tiers.ambient.maxNpcs", "must not be null"),
                        new Violation("tiers.dormant.maxNpcs", "must not be null"),
                        new Violation("tiers.dormant.description", "must be a string"),
                        new Violation("tiers.extra", "must be an object"));
    }

    @Test
    void reportsEveryBrokenFieldAtOnce() {
        assertThat(afterPatch("{\"timeScale\":0,\"maxJobOpsPerStep\":-2,\"pauseSimulation\":null}"))
                .extracting(Violation::field)
                .containsExactly("timeScale", "maxJobOpsPerStep", "pauseSimulation");
    }
}
