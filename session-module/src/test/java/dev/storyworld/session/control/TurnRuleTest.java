package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class TurnRuleTest {

    private static JsonDocument flags(String kind, String mode, Object turn) {
        JsonDocument world = JsonDocument.builder().put("mode", mode).build();
        return JsonDocument.builder().put("sessionKind", kind)
                .put("world", turn == null ? world : world.with("turnDeltaSeconds", turn)).build();
    }

    @ParameterizedTest
    @CsvSource({
            "0,       0,          ",
            "0,       3600,       ",
            "100,     100.0009,   ",
            "0,       3600.001,   ",
            "0,       3599.999,   ",
            "0,       1800,       'expected delta of 3600s, got 1800.0s'",
            "3600,    0,          'expected delta of 3600s, got -3600.0s'",
            "0,       7200,       'expected delta of 3600s, got 7200.0s'",
            "0,       3600.0011,  'expected delta of 3600s, got 3600.0011s'",
            "0.1,     3600.3,     'expected delta of 3600s, got 3600.2s'",
    })
    void theDefaultTurnIsOneHour(double stored, double requested, String violation) {
        assertThat(TurnRule.violation(flags("world", "turn_based", null), stored, requested).orElse(null))
                .isEqualTo(violation);
    }

    @ParameterizedTest
    @CsvSource({
            "600,  600,   ",
            "600,  300,   'expected delta of 600s, got 300.0s'",
            "0.5,  0.5,   ",
            "0.5,  1,     'expected delta of 0.5s, got 1.0s'",
    })
    void theWorldMayNameItsTurn(BigDecimal turn, double requested, String violation) {
        assertThat(TurnRule.violation(flags("world", "turn_based", turn), 0, requested).orElse(null))
                .isEqualTo(violation);
    }

    @ParameterizedTest
    @CsvSource({"world, real_time", "scene, turn_based", "'', turn_based"})
    void otherSessionsAreNotChecked(String kind, String mode) {
        assertThat(TurnRule.violation(flags(kind, mode, null), 5000, 1)).isEmpty();
        assertThat(TurnRule.violation(JsonDocument.EMPTY, 5000, 1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-3600", "0.0009", "31536000.001", "1E+999999999", "1E-999999999", "an hour", "true"})
    void aTurnOutsideItsRangeOrNotANumberIsRefusedWhenStoredAndWhenUsed(String turn) {
        Object value = turn.equals("true") ? Boolean.TRUE : turn.equals("an hour") ? turn : new BigDecimal(turn);
        JsonDocument flags = flags("world", "turn_based", value);
        assertThat(TurnRule.check(flags)).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("flags.world.turnDeltaSeconds"));
        assertThat(TurnRule.violation(flags, 0, 3600)).get().asString()
                .startsWith("world.turnDeltaSeconds must be a number of seconds from 0.001");
    }

    @Test
    void aTurnOfAtMostAYearIsKept() {
        assertThat(TurnRule.check(flags("scene", "real_time", new BigDecimal("31536000")))).isEmpty();
        assertThat(TurnRule.check(flags("world", "turn_based", new BigDecimal("0.001")))).isEmpty();
        assertThat(TurnRule.check(flags("world", "turn_based", null))).isEmpty();
        assertThat(TurnRule.check(JsonDocument.EMPTY.with("world", "not an object"))).isEmpty();
        assertThat(TurnRule.violation(flags("world", "turn_based", new BigDecimal("31536000")), 0, 31536000)).isEmpty();
    }
}
