package dev.storyworld.client;

import jakarta.json.JsonObject;

import java.util.Map;

/**
 * One HTTP request of the API, and what a retry of it may repeat.
 *
 * @param repeatable true when sending it twice does what sending it once does (GET, PUT, an advance
 *                   with its Idempotency-Key): only then are a lost answer and a 503 retried. A 429 and a
 *                   409 {@code session_busy} say the request was not applied, so they are retried always.
 */
record Request(String method, String path, JsonObject body, Map<String, String> headers, boolean repeatable) {

    static Request get(String path) {
        return new Request("GET", path, null, Map.of(), true);
    }

    static Request put(String path, JsonObject body) {
        return new Request("PUT", path, body, Map.of(), true);
    }

    static Request post(String path, JsonObject body) {
        return new Request("POST", path, body, Map.of(), false);
    }

    static Request delete(String path) {
        return new Request("DELETE", path, null, Map.of(), false);
    }

    static Request patch(String path, JsonObject body) {
        return new Request("PATCH", path, body, Map.of(), false);
    }

    /** A JSON Merge Patch (RFC 7396): keys it does not name are kept, a null removes one. */
    static Request mergePatch(String path, JsonObject patch) {
        return new Request("PATCH", path, patch, Map.of("Content-Type", "application/merge-patch+json"), false);
    }

    /** The same request sent with an {@code Idempotency-Key}, which makes it safe to repeat. */
    Request idempotent(String key) {
        return new Request(method, path, body, Map.of("Idempotency-Key", key), true);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
