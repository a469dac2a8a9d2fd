package dev.storyworld.client;

/**
 * 409 {@code version_conflict}: the session changed since the version the write expected. Carries the
 * session as it now is, so a caller can re-apply its change without reading it again.
 */
public final class VersionConflict extends StoryworldException {

    private final Session currentSession;

    VersionConflict(StoryworldException problem, Session currentSession) {
        super(problem);
        this.currentSession = currentSession;
    }

    public Session currentSession() {
        return currentSession;
    }
}
