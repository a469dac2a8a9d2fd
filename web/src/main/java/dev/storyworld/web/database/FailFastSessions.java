package dev.storyworld.web.database;

import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.Session;

/**
 * EclipseLink retries a query that lost its connection up to 3 times, 5 s apart: with the database
 * down, every request would hang 10 s before failing. One immediate retry is left (it gets a fresh
 * connection from the pool after a dead one); the outage then reaches the caller as a 503 at once.
 * (The interface of {@code org.eclipse.persistence.sessions}: EclipseLink 5, in Payara 7, dropped its
 * deprecated twin in {@code config}.)
 */
public class FailFastSessions implements SessionCustomizer {

    @Override
    public void customize(Session session) {
        session.getLogin().setQueryRetryAttemptCount(0);
        session.getLogin().setDelayBetweenConnectionAttempts(0);
    }
}
