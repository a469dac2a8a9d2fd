package dev.storyworld.web.sessions;

import dev.storyworld.session.control.EventLog;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "SessionEventList")
public record EventList(List<EventLog.Event> events,
                        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {
}
