package dev.storyworld.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeTest {

    @Test
    void aPayloadReadsBackAsTheChange() {
        Change session = new Change(Change.Subject.SESSION, 31, 7, false, "a1b2c3d4", 1_700_000_000_123L);
        Change world = new Change(Change.Subject.WORLD, 9, 0, true, "a1b2c3d4", 1L);
        assertThat(Change.ofPayload(session.toPayload())).contains(session);
        assertThat(Change.ofPayload(world.toPayload())).contains(world);
        assertThat(session.toPayload().length()).as("far below NOTIFY's 8000 bytes").isLessThan(100);
    }

    @Test
    void anythingElseOnTheChannelIsIgnored() {
        assertThat(Change.ofPayload(null)).isEmpty();
        assertThat(Change.ofPayload("")).isEmpty();
        assertThat(Change.ofPayload("o|x|1|2|c|3")).isEmpty();
        assertThat(Change.ofPayload("o|s|one|2|c|3")).isEmpty();
        assertThat(Change.ofPayload("o|s|1|2|c")).isEmpty();
    }
}
