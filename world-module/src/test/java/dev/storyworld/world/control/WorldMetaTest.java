package dev.storyworld.world.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorldMetaTest {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    private static void check(String meta) {
        WorldMeta.check(JsonDocument.parse(meta), VALIDATION.getValidator());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "{\"gameProfile\":{\"style\":\"hybrid\"},\"anything\":[1,null]}",
            "{\"relationship_schemas\":{\"default\":[{\"id\":\"a\",\"min\":0,\"max\":50},{\"id\":\"b\",\"min\":50}]}}",
            "{\"simulation\":{}}",
            "{\"simulation\":{\"timeScale\":2,\"enabled\":true}}",
    })
    void acceptsValidMeta(String meta) {
        assertThatCode(() -> check(meta)).doesNotThrowAnyException();
    }

    @Test
    void schemaViolationsNameTheFieldFromTheRequestBody() {
        assertThatThrownBy(() -> check(
                "{\"relationship_schemas\":{\"default\":[{\"id\":\"a\",\"min\":0,\"max\":50},{\"id\":\"b\",\"min\":60,\"max\":40}]}}"))
                .isInstanceOfSatisfying(StoryworldException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.INVALID_WORLD_SCHEMAS);
                    assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("meta.relationship_schemas.default[1].max");
                });
    }

    @Test
    void aBrokenSchedulerConfigIsRefusedWithItsOwnCode() {
        assertThatThrownBy(() -> check("{\"simulation\":{\"timeScale\":0.05,\"tiers\":{}}}"))
                .isInstanceOfSatisfying(StoryworldException.class, e -> {
                    assertThat(e.error()).isEqualTo(ErrorCode.INVALID_SCHEDULER_CONFIG);
                    assertThat(e.violations()).extracting(Violation::field)
                            .containsExactly("meta.simulation.timeScale", "meta.simulation.tiers.detailed",
                                    "meta.simulation.tiers.active", "meta.simulation.tiers.ambient",
                                    "meta.simulation.tiers.dormant");
                });
        assertThatThrownBy(() -> check("{\"simulation\":null}"))
                .isInstanceOfSatisfying(StoryworldException.class, e ->
                        assertThat(e.violations())
                                .containsExactly(new Violation("meta.simulation", "must be an object")));
    }
}
