package dev.storyworld.web.sessions;

import dev.storyworld.session.control.EventLog;

import java.util.List;

public record EventList(List<EventLog.Event> events,
                        String nextCursor) {
}
