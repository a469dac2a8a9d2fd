package dev.storyworld.web.http;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    @Test
    void freshIdsAreDistinctRandomUuidsThatTheFilterWouldAcceptBack() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = RequestIds.fresh();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(RequestIds.valid(id)).isTrue();
            ids.add(id);
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void onlyOneTo64VisibleAsciiCharactersAreAValidClientId() {
        assertThat(RequestIds.valid("a")).isTrue();
        assertThat(RequestIds.valid("x".repeat(64))).isTrue();
        assertThat(RequestIds.valid("x".repeat(65))).isFalse();
        assertThat(RequestIds.valid("")).isFalse();
        assertThat(RequestIds.valid(null)).isFalse();
        assertThat(RequestIds.valid("two words")).isFalse();
        assertThat(RequestIds.valid("caf\u00e9")).isFalse();
    }
}
