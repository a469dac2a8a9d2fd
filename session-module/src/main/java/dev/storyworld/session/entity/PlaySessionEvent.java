package dev.storyworld.session.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** An entry of a session's audit log. Written by plain SQL (see EventLog), read through JPA. */
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

    @Column(nullable = false, length = 64)
    private String action;

    private String diff;

    @Column(nullable = false)
    private OffsetDateTime ts;

    protected PlaySessionEvent() {
    }

    public Long id() {
        return id;
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

    public String diff() {
        return diff;
    }

    public OffsetDateTime ts() {
        return ts;
    }
}
