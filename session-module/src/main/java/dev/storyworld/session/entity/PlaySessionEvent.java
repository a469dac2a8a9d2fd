package dev.storyworld.session.entity;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.JsonDocumentConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/**
 * An entry of a session's audit log. Inserted by SQL ({@code session.control.SessionStore}), so that the database gives
 * the ids in the order of writing; read through JPA.
 */
@Entity
@Table(name = "game_session_events")
public class PlaySessionEvent {

    @Id
    private Long id;

    @Column(name = "session_id", nullable = false)
    private long sessionId;

    @Column(name = "node_id")
    private Long nodeId;

    @Column(name = "edge_id")
    private Long edgeId;

    /** The session's version this event made: one event a version, so a stream can resume from one. */
    @Column(nullable = false)
    private long version;

    @Column(nullable = false, length = 64)
    private String action;

    @Convert(converter = JsonDocumentConverter.class)
    private JsonDocument diff;

    @Column(nullable = false)
    private OffsetDateTime ts;

    protected PlaySessionEvent() {
    }

    /** An event to append; it has an id once read back. */
    public PlaySessionEvent(long sessionId, long version, Long nodeId, Long edgeId, String action, JsonDocument diff,
                            OffsetDateTime ts) {
        this.sessionId = sessionId;
        this.version = version;
        this.nodeId = nodeId;
        this.edgeId = edgeId;
        this.action = action;
        this.diff = diff;
        this.ts = ts;
    }

    public Long id() {
        return id;
    }

    public long sessionId() {
        return sessionId;
    }

    public long version() {
        return version;
    }

    public Long nodeId() {
        return nodeId;
    }

    public Long edgeId() {
        return edgeId;
    }

    public String action() {
        return action;
    }

    public JsonDocument diff() {
        return diff;
    }

    public OffsetDateTime ts() {
        return ts;
    }
}
