-- Scenes, sessions and the session event log (the old server's tables, docs/origin.md), extended where docs/api.md needs more.
-- Node and edge ids come in blocks of 50 so that a whole scene graph is inserted in batches (EclipseLink
-- reads each value as the top of its block, hence the start at 50); event ids
-- come one by one from the database, so that per session they follow the order of writing.
CREATE SEQUENCE game_scenes_id_seq;
CREATE SEQUENCE game_scene_nodes_id_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE game_scene_edges_id_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE game_sessions_id_seq;
CREATE SEQUENCE game_session_events_id_seq;

CREATE TABLE game_scenes (
    id            BIGINT                   NOT NULL DEFAULT nextval('game_scenes_id_seq') PRIMARY KEY,
    title         VARCHAR(128)             NOT NULL,
    description   VARCHAR,
    entry_node_id BIGINT,
    meta          ${json},
    created_by    BIGINT                   NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE game_scene_nodes (
    id                    BIGINT                   NOT NULL DEFAULT nextval('game_scene_nodes_id_seq') PRIMARY KEY,
    scene_id              BIGINT                   NOT NULL,
    node_key              VARCHAR(128)             NOT NULL,
    asset_id              BIGINT,
    label                 VARCHAR(128),
    loopable              BOOLEAN                  NOT NULL DEFAULT FALSE,
    skippable             BOOLEAN                  NOT NULL DEFAULT FALSE,
    reveal_choices_at_sec DOUBLE PRECISION,
    meta                  ${json},
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_game_scene_nodes_scene FOREIGN KEY (scene_id) REFERENCES game_scenes (id) ON DELETE CASCADE,
    CONSTRAINT uq_game_scene_nodes_key UNIQUE (scene_id, node_key)
);

ALTER TABLE game_scenes ADD CONSTRAINT fk_game_scenes_entry_node
    FOREIGN KEY (entry_node_id) REFERENCES game_scene_nodes (id) ON DELETE SET NULL;

CREATE TABLE game_scene_edges (
    id            BIGINT                   NOT NULL DEFAULT nextval('game_scene_edges_id_seq') PRIMARY KEY,
    scene_id      BIGINT                   NOT NULL,
    from_node_id  BIGINT                   NOT NULL,
    to_node_id    BIGINT                   NOT NULL,
    choice_label  VARCHAR(128)             NOT NULL,
    weight        DOUBLE PRECISION         NOT NULL DEFAULT 1.0,
    reveal_at_sec DOUBLE PRECISION,
    cooldown_sec  INTEGER,
    conditions    ${json},
    effects       ${json},
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_game_scene_edges_scene FOREIGN KEY (scene_id) REFERENCES game_scenes (id) ON DELETE CASCADE,
    CONSTRAINT fk_game_scene_edges_from FOREIGN KEY (from_node_id) REFERENCES game_scene_nodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_game_scene_edges_to FOREIGN KEY (to_node_id) REFERENCES game_scene_nodes (id) ON DELETE CASCADE
);

CREATE INDEX idx_scene_edge_from ON game_scene_edges (scene_id, from_node_id);
CREATE INDEX ix_game_scene_edges_to_node_id ON game_scene_edges (to_node_id);

-- A scene in use cannot be deleted: the scene foreign key restricts, and the service answers 409.
CREATE TABLE game_sessions (
    id              BIGINT                   NOT NULL DEFAULT nextval('game_sessions_id_seq') PRIMARY KEY,
    user_id         BIGINT                   NOT NULL,
    scene_id        BIGINT                   NOT NULL,
    current_node_id BIGINT                   NOT NULL,
    world_id        BIGINT,
    flags           ${json}                  NOT NULL,
    relationships   ${json}                  NOT NULL,
    world_time      DOUBLE PRECISION         NOT NULL DEFAULT 0,
    version         BIGINT                   NOT NULL DEFAULT 1,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_game_sessions_scene FOREIGN KEY (scene_id) REFERENCES game_scenes (id),
    CONSTRAINT fk_game_sessions_current_node FOREIGN KEY (current_node_id) REFERENCES game_scene_nodes (id),
    CONSTRAINT fk_game_sessions_world_id_game_worlds FOREIGN KEY (world_id) REFERENCES game_worlds (id) ON DELETE SET NULL
);

-- The owner's sessions, newest first, by keyset.
CREATE INDEX ix_game_sessions_user_id ON game_sessions (user_id, id);
CREATE INDEX ix_game_sessions_scene_id ON game_sessions (scene_id);
CREATE INDEX ix_game_sessions_world_id ON game_sessions (world_id);
CREATE INDEX ix_game_sessions_current_node_id ON game_sessions (current_node_id);

CREATE TABLE game_session_events (
    id         BIGINT                   NOT NULL DEFAULT nextval('game_session_events_id_seq') PRIMARY KEY,
    session_id BIGINT                   NOT NULL,
    node_id    BIGINT,
    edge_id    BIGINT,
    action     VARCHAR(64)              NOT NULL,
    diff       ${json},
    ts         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT fk_game_session_events_session FOREIGN KEY (session_id) REFERENCES game_sessions (id) ON DELETE CASCADE,
    CONSTRAINT fk_game_session_events_node FOREIGN KEY (node_id) REFERENCES game_scene_nodes (id) ON DELETE SET NULL,
    CONSTRAINT fk_game_session_events_edge FOREIGN KEY (edge_id) REFERENCES game_scene_edges (id) ON DELETE SET NULL
);

-- Newest-first pages and inline retention both walk a session's events by id.
CREATE INDEX ix_game_session_events_session_id ON game_session_events (session_id, id);
-- The scheduled cleanup removes events by age.
CREATE INDEX ix_game_session_events_ts ON game_session_events (ts);
