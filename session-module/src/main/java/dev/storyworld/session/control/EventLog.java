package dev.storyworld.session.control;

import dev.storyworld.common.Counters;
import dev.storyworld.session.entity.PlaySessionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a session's audit log keeps and shows. Every write keeps only the newest
 * {@code storyworld.events.keep-per-session} events of that session, in the same transaction; the
 * (session_id, id) index makes it a short index walk. Callers hold the session's row, so a session's
 * events are written one at a time. A session writes one event per version (session_created at
 * version 1, then one with every new version), so a session whose version is within the limit cannot
 * be over it, and is not trimmed.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventLog {

    @Inject
    SessionStore store;

    @Inject
    @ConfigProperty(name = "storyworld.events.keep-per-session")
    int keepPerSession;

    @Inject
    MetricRegistry metrics;

    /** Trims the log of a session that has just written the event of {@code version}. */
    public void trim(long sessionId, long version) {
        if (version <= keepPerSession) {
            return;
        }
        int removed = store.trimEvents(sessionId, keepPerSession);
        if (removed > 0) {
            metrics.counter(Counters.EVENTS_REMOVED, new Tag(Counters.REASON, Counters.BY_RETENTION)).inc(removed);
        }
    }

    /**
     * For each session of {@code afterVersions} with events after that version, those events, oldest first,
     * at most {@code limit} of each session.
     */
    public Map<Long, List<EventView>> after(Map<Long, Long> afterVersions, int limit) {
        if (afterVersions.isEmpty()) {
            return Map.of();
        }
        Map<Long, List<EventView>> events = new HashMap<>();
        for (PlaySessionEvent event : store.eventsAfter(afterVersions)) {
            List<EventView> ofSession = events.computeIfAbsent(event.sessionId(), id -> new ArrayList<>());
            if (ofSession.size() < limit) {
                ofSession.add(EventView.of(event));
            }
        }
        return events;
    }

    /** Newest first, after the event id {@code before} when given. */
    public List<EventView> page(long sessionId, Long before, int limit) {
        return store.events(sessionId, before, limit).stream().map(EventView::of).toList();
    }
}
