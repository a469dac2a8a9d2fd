-- How many worlds each owner has, kept by WorldService in the transaction that creates or deletes
-- a world, so that the total of a page of worlds is one primary-key read rather than a count of all
-- the owner's rows (140-250 ms for an owner of a million worlds).
CREATE TABLE game_world_counts (
    owner_user_id BIGINT NOT NULL PRIMARY KEY,
    worlds        BIGINT NOT NULL CHECK (worlds >= 0)
);

INSERT INTO game_world_counts (owner_user_id, worlds)
SELECT owner_user_id, COUNT(*) FROM game_worlds GROUP BY owner_user_id;
