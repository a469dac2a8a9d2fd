-- Worlds and their clocks (the old server's tables, docs/origin.md). ${json} is json on PostgreSQL (kept
-- exactly as the client wrote it, like the original) and a CLOB on H2.
CREATE SEQUENCE game_worlds_id_seq;

CREATE TABLE game_worlds (
    id            BIGINT                   NOT NULL DEFAULT nextval('game_worlds_id_seq') PRIMARY KEY,
    owner_user_id BIGINT                   NOT NULL,
    name          VARCHAR(128)             NOT NULL,
    meta          ${json}                  NOT NULL,
    meta_version  BIGINT                   NOT NULL DEFAULT 1,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Serves every owner-scoped lookup, the owner's count and the id-ordered pages.
CREATE INDEX ix_game_worlds_owner_user_id ON game_worlds (owner_user_id, id);

CREATE TABLE game_world_states (
    world_id         BIGINT                   NOT NULL PRIMARY KEY,
    world_time       DOUBLE PRECISION         NOT NULL DEFAULT 0,
    last_advanced_at TIMESTAMP WITH TIME ZONE NOT NULL,
    meta             ${json},
    CONSTRAINT fk_game_world_states_world FOREIGN KEY (world_id) REFERENCES game_worlds (id) ON DELETE CASCADE
);
