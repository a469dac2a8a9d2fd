-- The first answer to each Idempotency-Key a user sent (API.md: world advance), kept 24 hours.
-- The primary key is what makes a repeat that arrives while the first request is still running
-- wait for that request's transaction and then find its answer. The answer is plain text on both
-- databases (VARCHAR without a length is unbounded on PostgreSQL and H2): it is only read whole.
CREATE TABLE idempotency_keys (
    user_id         BIGINT                   NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    request_hash    VARCHAR(64)              NOT NULL,
    answer          VARCHAR,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (user_id, idempotency_key)
);

-- The expiry job removes the oldest keys first, in batches.
CREATE INDEX ix_idempotency_keys_expires_at ON idempotency_keys (expires_at);
