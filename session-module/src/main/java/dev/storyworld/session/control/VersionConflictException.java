package dev.storyworld.session.control;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;

/** A write based on a stale version; carries the session as it now is, so the client can retry on it. */
public class VersionConflictException extends StoryworldException {

    private final transient SessionView current;

    public VersionConflictException(SessionView current) {
        super(ErrorCode.VERSION_CONFLICT, "Session was modified by another request");
        this.current = current;
    }

    public SessionView current() {
        return current;
    }
}
