package dev.storyworld.session.entity;

import dev.storyworld.common.JsonDocument;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class PlaySessionTest {

    private static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 29, 12, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void aNewSessionIsAtVersionOneWhereItWasCreated() {
        PlaySession session = new PlaySession(4, 2, 11, 7L, JsonDocument.EMPTY, JsonDocument.EMPTY, CREATED);
        assertThat(session.version()).isEqualTo(1);
        assertThat(session.currentNodeId()).isEqualTo(11);
        assertThat(session.updatedAt()).isEqualTo(CREATED);
    }

    @Test
    void theNextSessionIsTheSameSessionOneVersionOnAndLeavesThisOneAsItWas() {
        PlaySession session = new PlaySession(4, 2, 11, 7L, JsonDocument.EMPTY, JsonDocument.EMPTY, CREATED);
        JsonDocument flags = JsonDocument.EMPTY.with("seen", true);
        OffsetDateTime at = CREATED.plusMinutes(5);

        PlaySession next = session.next(12, 3600.0, flags, JsonDocument.EMPTY, at);

        assertThat(next.id()).isEqualTo(session.id());
        assertThat(next.userId()).isEqualTo(4);
        assertThat(next.sceneId()).isEqualTo(2);
        assertThat(next.worldId()).isEqualTo(7L);
        assertThat(next.currentNodeId()).isEqualTo(12);
        assertThat(next.worldTime()).isEqualTo(3600.0);
        assertThat(next.flags()).isEqualTo(flags);
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.createdAt()).isEqualTo(CREATED);
        assertThat(next.updatedAt()).isEqualTo(at);
        assertThat(session.version()).isEqualTo(1);
        assertThat(session.currentNodeId()).isEqualTo(11);
        assertThat(session.flags()).isEqualTo(JsonDocument.EMPTY);
    }
}
