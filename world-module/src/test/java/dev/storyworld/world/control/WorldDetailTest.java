package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WorldDetailTest {

    /** A replayed idempotent answer must be the first answer to the bit, through its stored text. */
    @ParameterizedTest
    @ValueSource(doubles = {0, 93784.5, 0.1, 1e-7, 1.0 / 3, 31_536_000.000001, 1e15 + 0.5, Double.MAX_VALUE})
    void storedDocumentGivesTheSameDetailBack(double worldTime) {
        WorldDetail detail = new WorldDetail(7, "Harbor", JsonDocument.parse("{\"b\":[1,2.50,null],\"a\":{\"x\":true}}"),
                worldTime, Instant.parse("2026-11-28T10:00:00.123456Z"), Instant.parse("2026-11-28T09:00:00Z"));

        WorldDetail back = WorldDetail.fromDocument(JsonDocument.parse(detail.toDocument().toJson()));

        assertThat(back).isEqualTo(detail);
        assertThat(back.meta().toJson()).isEqualTo("{\"b\":[1,2.50,null],\"a\":{\"x\":true}}");
    }
}
