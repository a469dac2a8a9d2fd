package dev.storyworld.web;

import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's event log, black box: newest first, keyset pages, retention of the newest (this
 * deployment keeps 5 events per session: STORYWORLD_EVENTS_KEEP_PER_SESSION in web/pom.xml), and
 * the events going with their session.
 */
class EventsIT extends ServiceIT {

    private static final int KEEP_PER_SESSION = 5;
    private static final String REMOVED_BY_RETENTION = "storyworld_events_removed_total\\{[^}]*reason=\"retention\"[^}]*\\}";

    @Test
    void eventsAreListedNewestFirstAndOnlyTheNewestAreKept() {
        long session = newSession(createScene(user));
        long removedBefore = api.counter(REMOVED_BY_RETENTION);
        for (int t = 1; t <= 7; t++) {
            assertThat(patch(session, object("world_time", t)).status()).isEqualTo(200);
        }

        List<JsonObject> kept = events(session);
        assertThat(kept).hasSize(KEEP_PER_SESSION);
        // Eight events written (session_created and seven updates), the oldest three trimmed.
        assertThat(api.counter(REMOVED_BY_RETENTION) - removedBefore).isEqualTo(3);
        assertThat(kept).extracting(e -> e.getJsonObject("diff").getJsonObject("world_time").getJsonNumber("new").intValue())
                .containsExactly(7, 6, 5, 4, 3);
        assertThat(kept).extracting(e -> e.getJsonNumber("id").longValue()).isSortedAccordingTo((a, b) -> Long.compare(b, a));

        Reply first = api.get(SESSIONS + "/" + session + "/events?limit=2").as(user).send();
        String cursor = first.json().getString("next_cursor");
        Reply second = api.get(SESSIONS + "/" + session + "/events?limit=2&cursor=" + cursor).as(user).send();
        assertThat(second.json().getJsonArray("events").getValuesAs(JsonObject.class))
                .extracting(e -> e.getJsonNumber("id").longValue())
                .containsExactly(kept.get(2).getJsonNumber("id").longValue(), kept.get(3).getJsonNumber("id").longValue());
        long otherSession = newSession(createScene(user));
        assertProblem(api.get(SESSIONS + "/" + otherSession + "/events?cursor=" + cursor).as(user).send(),
                400, "invalid_cursor");
    }

    @Test
    void deletingASessionRemovesItsEvents() {
        long session = newSession(createScene(user));

        assertThat(api.delete(SESSIONS + "/" + session).as(user).send().status()).isEqualTo(204);

        assertProblem(api.get(SESSIONS + "/" + session).as(user).send(), 404, "session_not_found");
        assertProblem(api.get(SESSIONS + "/" + session + "/events").as(user).send(), 404, "session_not_found");
    }
}
