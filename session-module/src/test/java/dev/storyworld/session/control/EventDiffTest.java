package dev.storyworld.session.control;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.session.control.EventDiff.Advanced;
import dev.storyworld.session.control.EventDiff.SessionCreated;
import dev.storyworld.session.control.EventDiff.SessionUpdated;
import dev.storyworld.session.control.EventDiff.WorldTimeChange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class EventDiffTest {

    /** Each diff with the stored and answered text the untyped maps gave before the types. */
    static Stream<Arguments> diffs() {
        return Stream.of(
                arguments(new SessionCreated(12), "session_created", "{\"scene_id\":12}"),
                arguments(new Advanced(3, 4), "advance", "{\"from_node_id\":3,\"to_node_id\":4}"),
                arguments(new SessionUpdated(new WorldTimeChange(0, 3600), true, true), "session_update",
                        "{\"world_time\":{\"old\":0.0,\"new\":3600.0},\"flags_updated\":true,\"relationships_updated\":true}"),
                arguments(new SessionUpdated(new WorldTimeChange(0.1, 1e10), false, false), "session_update",
                        "{\"world_time\":{\"old\":0.1,\"new\":1.0E+10}}"),
                arguments(new SessionUpdated(null, false, true), "session_update", "{\"relationships_updated\":true}"));
    }

    @ParameterizedTest
    @MethodSource("diffs")
    void rendersTheDocumentOfItsActionAndReadsBackFromTheStoredText(EventDiff diff, String action, String json) {
        assertThat(diff.action().wireName()).isEqualTo(action);
        assertThat(diff.toDocument().toJson()).isEqualTo(json);

        EventDiff stored = EventDiff.read(EventAction.ofWireName(action), JsonDocument.parse(json));

        assertThat(stored).isEqualTo(diff);
        assertThat(stored.toDocument().toJson()).isEqualTo(json);
    }

    @ParameterizedTest
    @EnumSource(EventAction.class)
    void wireNamesAreTheStoredOnes(EventAction action) {
        assertThat(EventAction.ofWireName(action.wireName())).isEqualTo(action);
        assertThat(action.wireName()).isIn("session_created", "advance", "session_update");
    }

    @ParameterizedTest
    @MethodSource("diffs")
    void onlyAnUpdateWithoutChangesIsNone(EventDiff diff) {
        assertThat(diff instanceof SessionUpdated update && update.none()).isFalse();
        assertThat(new SessionUpdated(null, false, false).none()).isTrue();
    }
}
