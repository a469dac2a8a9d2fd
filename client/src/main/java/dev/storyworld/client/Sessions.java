package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import static dev.storyworld.client.Calls.join;

/** {@code /api/v1/game/sessions}: sessions, their steps, versioned updates and event logs. */
public final class Sessions {

    private static final String SESSIONS = "api/v1/game/sessions";

    private final Transport transport;
    /** Per session, the update of this client whose turn comes last; it completes with what it committed. */
    private final Map<Long, CompletableFuture<Session>> turns = new ConcurrentHashMap<>();

    Sessions(Transport transport) {
        this.transport = transport;
    }

    private static String session(long id) {
        return SESSIONS + "/" + id;
    }

    /** Starts a session at the scene's entry node: {@code create(SessionDraft.onScene(id).inWorld(worldId))}. */
    public CompletableFuture<Session> createAsync(SessionDraft draft) {
        return transport.call(Request.post(SESSIONS, draft.body()), Session::of);
    }

    public Session create(SessionDraft draft) {
        return join(createAsync(draft));
    }

    /** Starts a session at the scene's entry node, linked to no world, without flags. */
    public CompletableFuture<Session> createAsync(long sceneId) {
        return createAsync(SessionDraft.onScene(sceneId));
    }

    public Session create(long sceneId) {
        return join(createAsync(sceneId));
    }

    /** As {@link #createAsync(SessionDraft)}; {@code worldId} and {@code flags} may be null. */
    public CompletableFuture<Session> createAsync(long sceneId, Long worldId, JsonObject flags) {
        SessionDraft draft = worldId == null ? SessionDraft.onScene(sceneId) : SessionDraft.onScene(sceneId).inWorld(worldId);
        return createAsync(flags == null ? draft : draft.flags(flags));
    }

    public Session create(long sceneId, Long worldId, JsonObject flags) {
        return join(createAsync(sceneId, worldId, flags));
    }

    public CompletableFuture<Session> getAsync(long sessionId) {
        return transport.call(Request.get(session(sessionId)), Session::of);
    }

    public Session get(long sessionId) {
        return join(getAsync(sessionId));
    }

    /** The caller's sessions, newest first; {@code cursor} null for the first page. */
    public CompletableFuture<SessionPage> listAsync(int limit, String cursor) {
        return transport.call(Request.get(SESSIONS + "?limit=" + limit + cursorParameter(cursor)), SessionPage::of);
    }

    public SessionPage list(int limit, String cursor) {
        return join(listAsync(limit, cursor));
    }

    /** Newest first; {@code cursor} null for the first page. */
    public CompletableFuture<EventPage> eventsAsync(long sessionId, int limit, String cursor) {
        return transport.call(Request.get(session(sessionId) + "/events?limit=" + limit + cursorParameter(cursor)),
                EventPage::of);
    }

    public EventPage events(long sessionId, int limit, String cursor) {
        return join(eventsAsync(sessionId, limit, cursor));
    }

    private static String cursorParameter(String cursor) {
        return cursor == null ? "" : "&cursor=" + Query.encode(cursor);
    }

    /**
     * Takes the choice {@code edgeId} from the current node. Not repeated after a lost answer (a second
     * step would walk on), only after 409 {@code session_busy}, which means it was not taken.
     */
    public CompletableFuture<Session> advanceAsync(long sessionId, long edgeId) {
        return transport.call(Request.post(session(sessionId) + "/advance",
                new JsonFields.Body().put("edge_id", edgeId).build()), Session::of);
    }

    public Session advance(long sessionId, long edgeId) {
        return join(advanceAsync(sessionId, edgeId));
    }

    /**
     * One PATCH; with {@code expectedVersion} (null for none) a stale version fails with
     * {@link VersionConflict}. For a change computed from the session, use {@link #update}.
     */
    public CompletableFuture<Session> patchAsync(long sessionId, SessionChange change, Long expectedVersion) {
        return transport.call(Request.patch(session(sessionId), change.body(expectedVersion)), Session::of);
    }

    public Session patch(long sessionId, SessionChange change, Long expectedVersion) {
        return join(patchAsync(sessionId, change, expectedVersion));
    }

    /**
     * Applies {@code change} (from the session as it is to what to write) without losing anyone's
     * update: PATCHes with the version of the session it read, and on a version conflict applies
     * {@code change} again to the conflict's {@code current_session} (no second read), after a backoff
     * that grows with the conflicts it meets (decorrelated jitter), for as long as
     * {@link RetryPolicy#updateBudget()} (10 s) allows, counted from this call. Updates of one session
     * through this client take turns: each starts from the session its predecessor committed, so they
     * cost one PATCH each and never conflict with one another (only with other writers). The future gives
     * only the session as finally committed, never an intermediate one; {@code change} must therefore be
     * free of side effects, as it may run several times. Past the budget the future fails with the last
     * {@link VersionConflict}.
     */
    public CompletableFuture<SessionUpdate> updateAsync(long sessionId, Function<Session, SessionChange> change) {
        Call<SessionUpdate> call = transport.open();
        long deadline = System.nanoTime() + transport.retry().updateBudget().toNanos();
        CompletableFuture<Session> mine = new CompletableFuture<>();
        @SuppressWarnings("unchecked")
        CompletableFuture<Session>[] before = new CompletableFuture[1];
        turns.compute(sessionId, (id, tail) -> {
            before[0] = tail;
            return mine;
        });
        CompletableFuture<Session> previous = before[0] == null ? CompletableFuture.completedFuture(null) : before[0];
        // The turn passes on when this update is done and so is the one before it (a cancelled one included).
        call.whenComplete((done, failure) -> previous.whenComplete((ignored, f) -> {
            mine.complete(done == null ? null : done.session());
            turns.remove(sessionId, mine);
        }));
        previous.whenComplete((committed, ignored) -> {
            if (call.isDone()) {
                return;
            }
            if (committed != null) {
                patchOn(call, committed, change, 1, deadline, null);
                return;
            }
            transport.send(call, Request.get(session(sessionId)))
                    .thenApply(Session::of)
                    .whenComplete((current, failure) -> {
                        if (failure != null) {
                            call.settle(null, failure);
                        } else {
                            patchOn(call, current, change, 1, deadline, null);
                        }
                    });
        });
        return call;
    }

    public SessionUpdate update(long sessionId, Function<Session, SessionChange> change) {
        return join(updateAsync(sessionId, change));
    }

    private void patchOn(Call<SessionUpdate> call, Session current, Function<Session, SessionChange> change, int attempt,
                         long deadline, Duration lastBackoff) {
        Request patch;
        try {
            patch = Request.patch(session(current.id()), change.apply(current).body(current.version()));
        } catch (RuntimeException e) {
            call.completeExceptionally(e);
            return;
        }
        long sent = System.nanoTime();
        transport.send(call, patch).thenApply(Session::of).whenComplete((committed, failure) -> {
            Throwable cause = failure == null ? null : Calls.unwrap(failure);
            if (cause instanceof VersionConflict conflict) {
                Duration delay = transport.retry().conflictBackoff(lastBackoff, Duration.ofNanos(System.nanoTime() - sent));
                if (System.nanoTime() + delay.toNanos() - deadline < 0) {
                    transport.schedule(call, delay,
                            () -> patchOn(call, conflict.currentSession(), change, attempt + 1, deadline, delay));
                    transport.retrying(patch, attempt, delay, conflict);
                } else {
                    call.settle(null, conflict);
                }
            } else if (cause != null) {
                call.settle(null, cause);
            } else {
                call.complete(new SessionUpdate(committed, attempt));
            }
        });
    }

    /**
     * Follows the session live: tells {@code listener} every change as it commits, each version once and
     * in order, until the session is deleted or the watch is closed; reconnects by itself with
     * {@code Last-Event-ID} when its stream is lost, so no version is missed or repeated (events removed
     * by retention meanwhile come as one {@link SessionNews.Snapshot}). The listener runs on a client
     * thread, one news at a time; it should return quickly (a slow one slows the reading of the stream).
     *
     * @param fromVersion the version the caller already has, to hear only what comes after it; null to
     *                    start with a {@link SessionNews.Snapshot} of the session as it is now
     */
    public Watch watch(long sessionId, Long fromVersion, Consumer<? super SessionNews> listener) {
        return new Watch(transport, Request.get(session(sessionId) + "/stream"), new SessionNewsReader(fromVersion, listener));
    }

    public CompletableFuture<Void> deleteAsync(long sessionId) {
        return transport.call(Request.delete(session(sessionId)), json -> null);
    }

    public void delete(long sessionId) {
        join(deleteAsync(sessionId));
    }
}
