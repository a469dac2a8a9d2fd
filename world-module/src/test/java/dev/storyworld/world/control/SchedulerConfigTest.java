package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulerConfigTest {

    private static final String DEFAULTS = "{\"timeScale\":60.0,\"maxNpcTicksPerStep\":50,\"maxJobOpsPerStep\":10,"
            + "\"tickIntervalSeconds\":1.0,\"tiers\":{"
            + "\"detailed\":{\"maxNpcs\":20,\"description\":\"NPCs near player or critical to scene\"},"
            + "\"active\":{\"maxNpcs\":100,\"description\":\"NPCs relevant to current session/arcs\"},"
            + "\"ambient\":{\"maxNpcs\":500,\"description\":\"NPCs in same world but not focused\"},"
            + "\"dormant\":{\"maxNpcs\":5000,\"description\":\"NPCs not actively simulated\"}},"
            + "\"pauseSimulation\":false,\"meta\":{}}";

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = VALIDATION.getValidator();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private static JsonDocument json(String text) {
        return JsonDocument.parse(text);
    }

    private static JsonDocument meta(String simulation) {
        return json("{\"simulation\":" + simulation + "}");
    }

    /** The violations of the defaults with the patch's fields set, as a PUT of the config would find them. */
    private static List<Violation> afterPatch(String patch) {
        return SchedulerConfig.check(json(patch).fields(), VALIDATOR);
    }

    @Test
    void defaultsAreTheOriginalsDefaultConfigAndValid() {
        assertThat(SchedulerConfig.DEFAULTS.toDocument().toJson()).isEqualTo(DEFAULTS);
        assertThat(VALIDATOR.validate(SchedulerConfig.DEFAULTS)).isEmpty();
        assertThat(SchedulerConfig.check(json("{}").fields(), VALIDATOR)).isEmpty();
    }

    @Test
    void theStoredConfigFillsTheDefaultsInAndKeepsUnknownKeysAfterTheKnownOnes() {
        SchedulerConfig config = SchedulerConfig.of(meta("{\"enabled\":true,\"timeScale\":2}"));
        assertThat(config.timeScale()).isEqualTo(BigDecimal.valueOf(2));
        assertThat(config.maxJobOpsPerStep()).isEqualTo(10L);
        assertThat(config.unknownKeys().fields()).containsEntry("enabled", true);
        assertThat(config.toDocument().toJson()).isEqualTo(DEFAULTS.replace("\"timeScale\":60.0", "\"timeScale\":2")
                .replaceFirst("}$", ",\"enabled\":true}"));
    }

    @Test
    void aMetaWithoutAConfigHoldsTheDefaults() {
        assertThat(SchedulerConfig.of(JsonDocument.EMPTY)).isEqualTo(SchedulerConfig.DEFAULTS);
        assertThat(SchedulerConfig.of(meta("\"fast\""))).isEqualTo(SchedulerConfig.DEFAULTS);
    }

    @Test
    void decimalsAndTheUnknownKeysOfTiersAreWrittenBackAsSent() {
        String tiers = "{\"detailed\":{\"maxNpcs\":3,\"focus\":\"player\"},\"active\":{\"maxNpcs\":4},"
                + "\"ambient\":{\"maxNpcs\":5,\"description\":\"x\"},\"dormant\":{\"maxNpcs\":0},\"crowd\":{\"maxNpcs\":9}}";
        SchedulerConfig config = SchedulerConfig.of(meta("{\"timeScale\":2.50,\"tickIntervalSeconds\":1E+1,\"tiers\":" + tiers + "}"));
        assertThat(config.toDocument().toJson()).startsWith("{\"timeScale\":2.50,\"maxNpcTicksPerStep\":50,"
                + "\"maxJobOpsPerStep\":10,\"tickIntervalSeconds\":1E+1,\"tiers\":" + tiers + ",");
    }

    @Test
    void anUpdateSetsWholeFieldsAsSentAndKeepsTheRest() {
        JsonDocument stored = meta("{\"timeScale\":5,\"enabled\":true}");
        SchedulerConfig updated = SchedulerConfig.update(stored,
                json("{\"tiers\":{\"detailed\":{\"maxNpcs\":1},\"active\":{\"maxNpcs\":1},\"ambient\":{\"maxNpcs\":1},"
                        + "\"dormant\":{\"maxNpcs\":1}},\"note\":\"n\"}"), VALIDATOR);
        assertThat(updated.timeScale()).isEqualTo(BigDecimal.valueOf(5));
        assertThat(updated.tiers()).containsOnlyKeys("detailed", "active", "ambient", "dormant");
        assertThat(updated.tiers().get("detailed")).isEqualTo(new SchedulerConfig.Tier(1L, null, JsonDocument.EMPTY));
        assertThat(updated.toDocument().toJson()).endsWith(",\"enabled\":true,\"note\":\"n\"}");
    }

    @Test
    void anUpdateThatBreaksARuleIsRefusedWithEveryViolation() {
        assertThatThrownBy(() -> SchedulerConfig.update(JsonDocument.EMPTY, json("{\"meta\":null,\"timeScale\":0}"), VALIDATOR))
                .isInstanceOfSatisfying(StoryworldException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.INVALID_SCHEDULER_CONFIG);
                    assertThat(e.violations()).containsExactly(new Violation("timeScale", "must be between 0.1 and 1000"),
                            new Violation("meta", "must not be null"));
                });
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
            "{\"maxJobOpsPerStep\":-1.5}            | maxJobOpsPerStep    | must be an integer",
            "{\"maxNpcTicksPerStep\":1e30}          | maxNpcTicksPerStep  | must be at most 2147483647",
            "{\"maxNpcTicksPerStep\":-1e30}         | maxNpcTicksPerStep  | must be at least 1",
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
