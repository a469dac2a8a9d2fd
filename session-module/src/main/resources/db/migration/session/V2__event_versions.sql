-- Each event carries the session version it made (session_created 1, then one per version), so that a live
-- stream can name its events by version and a client resume from one (issue #23). Existing events get theirs
-- counted back from the session's version: the log keeps a session's newest events, one a version.
ALTER TABLE game_session_events ADD COLUMN version BIGINT;
UPDATE game_session_events e SET version = (SELECT s.version FROM game_sessions s WHERE s.id = e.session_id)
    - (SELECT COUNT(*) FROM game_session_events n WHERE n.session_id = e.session_id AND n.id > e.id);
ALTER TABLE game_session_events ALTER COLUMN version SET NOT NULL;
CREATE UNIQUE INDEX ux_game_session_events_version ON game_session_events (session_id, version);
