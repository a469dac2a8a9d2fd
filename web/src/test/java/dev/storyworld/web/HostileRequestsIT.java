package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestDatabase;
import dev.storyworld.web.support.TestKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests as an attacker writes them, generated for every endpoint from a catalog of its body's
 * fields: malformed and mistyped bodies, numbers no double holds, deep nesting, NUL and lone
 * surrogates, unknown and repeated fields, a BOM, trailing garbage, wrong media types, oversized
 * bodies, bad ids, queries and headers. Each must get its 4xx problem with a stable code, within a
 * moment, and the database must not change at all. And every endpoint called by every kind of
 * caller: only the owner passes, everyone else gets exactly the status the contract gives.
 */
class HostileRequestsIT extends ServiceIT {

    /** The error of a request the HTTP server refuses before the application sees it (no body). */
    private static final String CONTAINER_REFUSAL = "(container)";
    /** Far above any honest request here; a request that computes for long would pass it. */
    private static final long WORST_ACCEPTABLE_MILLIS = 5_000;

    /** A scene with every field; the hostile cases below alter its text. */
    private static final JsonObject SCENE = object("title", "Docks", "description", "d", "meta", object(), "entry", "a",
            "nodes", array(object("key", "a", "label", "A", "asset_id", 1, "loopable", false, "skippable", false,
                    "reveal_choices_at_sec", 0, "meta", object()), object("key", "b")),
            "edges", array(object("from", "a", "to", "b", "choice_label", "go", "weight", 1.0, "reveal_at_sec", 0,
                    "cooldown_sec", 0, "conditions", object(), "effects", object())));

    /** What a field holds, which decides the values that are wrong for it. */
    private enum Kind { TEXT, NAME, NUMBER, AMOUNT, ID, DOCUMENT, FLAGS, CONFIG, CLIENT_VALUE }

    private record Field(String pointer, Kind kind, boolean required) {
    }

    /** An endpoint with a valid body, built as a JSON value; {@link #body()} is its text, which the cases alter. */
    private record Endpoint(String method, String path, JsonObject json, List<Field> fields, String contentType) {
        Endpoint(String method, String path, JsonObject json, List<Field> fields) {
            this(method, path, json, fields, "application/json");
        }

        String body() {
            return json.toString();
        }

        /** Whether unknown fields are refused: not in the documents of the client's own. */
        boolean fixedShape() {
            return !path.endsWith("/scheduler/config") && contentType.equals("application/json");
        }
    }

    /** A hostile request and the error it must get. */
    private record Case(String what, Api.Call call, int status, String error) {
    }

    private long world;
    private long scene;
    private long edge;
    private long session;

    private void createFixture() {
        world = api.post(WORLDS, object("name", "Harbor")).as(user).send().id();
        Reply created = api.post(SCENES, SCENE).as(user).send();
        scene = created.id();
        edge = created.json().getJsonArray("edges").getJsonObject(0).getJsonNumber("id").longValue();
        session = api.post(SESSIONS, object("scene_id", scene, "world_id", world)).as(user).send().id();
    }

    private List<Endpoint> endpoints() {
        String w = WORLDS + "/" + world;
        String s = SESSIONS + "/" + session;
        return List.of(
                new Endpoint("POST", WORLDS, object("name", "Harbor", "meta", object()),
                        List.of(new Field("/name", Kind.NAME, true), new Field("/meta", Kind.DOCUMENT, false))),
                new Endpoint("PUT", w + "/meta", object("meta", object()), List.of(new Field("/meta", Kind.DOCUMENT, true))),
                new Endpoint("PATCH", w + "/meta", object("lore", object()), List.of(new Field("/lore", Kind.CLIENT_VALUE, false)),
                        "application/merge-patch+json"),
                new Endpoint("POST", w + "/advance", object("delta_seconds", 1),
                        List.of(new Field("/delta_seconds", Kind.AMOUNT, true))),
                new Endpoint("PUT", w + "/scheduler/config", object("timeScale", 2.0),
                        List.of(new Field("/timeScale", Kind.CONFIG, false))),
                new Endpoint("POST", SCENES, SCENE, List.of(new Field("/title", Kind.NAME, true),
                        new Field("/description", Kind.TEXT, false), new Field("/meta", Kind.DOCUMENT, false),
                        new Field("/entry", Kind.TEXT, true), new Field("/nodes/0/key", Kind.NAME, true),
                        new Field("/nodes/0/label", Kind.TEXT, false), new Field("/nodes/0/asset_id", Kind.AMOUNT, false),
                        new Field("/nodes/0/reveal_choices_at_sec", Kind.AMOUNT, false),
                        new Field("/nodes/0/meta", Kind.DOCUMENT, false), new Field("/edges/0/choice_label", Kind.NAME, true),
                        new Field("/edges/0/weight", Kind.AMOUNT, false), new Field("/edges/0/cooldown_sec", Kind.AMOUNT, false))),
                new Endpoint("POST", SESSIONS, object("scene_id", scene, "world_id", world, "flags", object()),
                        List.of(new Field("/scene_id", Kind.ID, true), new Field("/world_id", Kind.ID, false),
                                new Field("/flags", Kind.FLAGS, false))),
                new Endpoint("POST", s + "/advance", object("edge_id", edge), List.of(new Field("/edge_id", Kind.ID, true))),
                new Endpoint("PATCH", s, object("world_time", 0, "flags", object(), "relationships", object(),
                        "expected_version", 1),
                        List.of(new Field("/world_time", Kind.NUMBER, false), new Field("/flags", Kind.FLAGS, false),
                                new Field("/relationships", Kind.DOCUMENT, false),
                                new Field("/expected_version", Kind.AMOUNT, false))),
                new Endpoint("POST", "api/v1/dev/tokens", object("user_id", user),
                        List.of(new Field("/user_id", Kind.ID, true))));
    }

    /** Values wrong for a kind of field, as raw JSON text, with the error each must get. */
    private static Map<String, String> wrongValues(Kind kind) {
        Map<String, String> values = new LinkedHashMap<>();
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        String hugeNumber = "1" + "0".repeat(150);
        for (String outOfRange : List.of("1e999", "-1e999", "1e-400", hugeNumber)) {
            values.put(outOfRange, "invalid_request");
        }
        values.put(deep, "invalid_request");
        // The body rules come before the binding, so these are invalid_request whatever the field.
        for (String breaksTheRules : List.of("\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "{\"k\\u0000\":1}",
                "{\"k\":1,\"k\":2}")) {
            values.put(breaksTheRules, "invalid_request");
        }
        switch (kind) {
            case TEXT, NAME -> {
                values.put("7", "invalid_request");
                values.put("true", "invalid_request");
                values.put("[]", "invalid_request");
                if (kind == Kind.NAME) {
                    values.put("\"" + "x".repeat(129) + "\"", "invalid_request");
                    values.put("\"\"", "invalid_request");
                }
            }
            case NUMBER, AMOUNT -> {
                values.put("\"7\"", "invalid_request");
                values.put("true", "invalid_request");
                values.put("[1]", "invalid_request");
                if (kind == Kind.AMOUNT) {
                    values.put("-1", "invalid_request");
                }
            }
            case ID -> {
                for (String notAnId : List.of("\"7\"", "0", "-1", "1.5", "1e30", "true", "[]")) {
                    values.put(notAnId, "invalid_id");
                }
            }
            case DOCUMENT, FLAGS -> {
                for (String notAnObject : List.of("5", "\"x\"", "[]", "true")) {
                    values.put(notAnObject, "invalid_request");
                }
                if (kind == Kind.FLAGS) {
                    for (String turn : List.of("1e308", "-3600", "0", "1e-300", "\"an hour\"", "{}")) {
                        values.put("{\"sessionKind\":\"world\",\"world\":{\"mode\":\"turn_based\",\"turnDeltaSeconds\":"
                                + turn + "}}", "invalid_request");
                    }
                }
            }
            case CLIENT_VALUE -> {
                // A value of the client's own may be of any type: only the body rules above apply.
            }
            case CONFIG -> {
                for (String wrong : List.of("\"7\"", "true", "[]", "-1", "1e308")) {
                    values.put(wrong, "invalid_scheduler_config");
                }
            }
        }
        return values;
    }

    private static String withValue(String body, String pointer, String rawValue) {
        JsonObject json = Json.createReader(new java.io.StringReader(body)).readObject();
        JsonPointer at = Json.createPointer(pointer);
        String marked = (at.containsValue(json) ? at.replace(json, Json.createValue("@HOSTILE@"))
                : at.add(json, Json.createValue("@HOSTILE@"))).toString();
        return marked.replace("\"@HOSTILE@\"", rawValue);
    }

    private static String without(String body, String pointer) {
        JsonObject json = Json.createReader(new java.io.StringReader(body)).readObject();
        return Json.createPointer(pointer).remove(json).toString();
    }

    private Api.Call send(Endpoint endpoint, String contentType, String body) {
        return api.call(endpoint.method(), endpoint.path()).body(contentType, body).as(user);
    }

    private List<Case> bodyCases(Endpoint endpoint) {
        List<Case> cases = new ArrayList<>();
        Function<String, Api.Call> json = body -> send(endpoint, endpoint.contentType(), body);
        for (String malformed : List.of("", "{", "nope", "[1]", "42", "\"x\"", "null", endpoint.body() + " x",
                endpoint.body() + "{}", "\uFEFF" + endpoint.body(), "{\"a\":NaN}", "{\"a\":Infinity}", "{'a':1}",
                "{\"a\":1,}", "{\"a\" 1}")) {
            cases.add(new Case("malformed " + malformed, json.apply(malformed), 400, "malformed_json"));
        }
        cases.add(new Case("deep body", json.apply("[".repeat(100_000)), 400, "malformed_json"));
        cases.add(new Case("deep object", json.apply("{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000)),
                400, "invalid_request"));
        if (endpoint.fixedShape()) {
            cases.add(new Case("unknown field", json.apply(withValue(endpoint.body(), "/expectedVersion", "0")),
                    400, "invalid_request"));
            cases.add(new Case("unknown field with a NUL", json.apply(withValue(endpoint.body(), "/x\u0000", "0")),
                    400, "invalid_request"));
        }
        int comma = endpoint.body().indexOf(',');
        String first = endpoint.body().substring(1, comma > 0 ? comma : endpoint.body().length() - 1);
        cases.add(new Case("repeated field", json.apply("{" + first + "," + endpoint.body().substring(1)), 400,
                "invalid_request"));
        byte[] latin1 = endpoint.body().replaceFirst("\\{", "{\"x\":\"\u00e9\",").getBytes(StandardCharsets.ISO_8859_1);
        cases.add(new Case("invalid UTF-8", api.call(endpoint.method(), endpoint.path())
                .bytes(endpoint.contentType(), latin1).as(user), 400, "invalid_request"));
        String oversized = withValue(endpoint.body(), "/x", "\"" + "y".repeat(1_048_577) + "\"");
        cases.add(new Case("oversized", json.apply(oversized), 413, "payload_too_large"));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", endpoint.contentType().equals("application/json")
                        ? "application/merge-patch+json" : "application/json")) {
            cases.add(new Case("content type " + type, send(endpoint, type, endpoint.body()), 415,
                    "unsupported_media_type"));
        }
        for (Field field : endpoint.fields()) {
            wrongValues(field.kind()).forEach((value, error) -> cases.add(new Case(field.pointer() + " = "
                    + abbreviated(value), json.apply(withValue(endpoint.body(), field.pointer(), value)), 400, error)));
            if (field.required()) {
                cases.add(new Case(field.pointer() + " missing", json.apply(without(endpoint.body(), field.pointer())),
                        400, "invalid_request"));
                cases.add(new Case(field.pointer() + " null", json.apply(withValue(endpoint.body(), field.pointer(),
                        "null")), 400, "invalid_request"));
            }
        }
        return cases;
    }

    private List<Case> pathAndQueryCases() {
        List<Case> cases = new ArrayList<>();
        List<String> templates = List.of("GET " + WORLDS + "/{id}", "PUT " + WORLDS + "/{id}/meta",
                "DELETE " + WORLDS + "/{id}", "POST " + WORLDS + "/{id}/advance", "GET " + WORLDS + "/{id}/scheduler/config",
                "PUT " + WORLDS + "/{id}/scheduler/config", "PATCH " + WORLDS + "/{id}/meta", "POST " + WORLDS + "/{id}/scheduler/pause",
                "POST " + WORLDS + "/{id}/scheduler/resume", "GET " + WORLDS + "/{id}/schema-report",
                "GET " + SCENES + "/{id}", "DELETE " + SCENES + "/{id}", "GET " + SESSIONS + "/{id}",
                "POST " + SESSIONS + "/{id}/advance", "PATCH " + SESSIONS + "/{id}", "GET " + SESSIONS + "/{id}/events",
                "DELETE " + SESSIONS + "/{id}");
        for (String template : templates) {
            String method = template.substring(0, template.indexOf(' '));
            for (String id : List.of("abc", "0", "-1", "1.5", "99999999999999999999", "1e3", "%00", "%20", "0x10",
                    "%EF%BC%91", "1%00")) {
                String path = template.substring(template.indexOf(' ') + 1).replace("{id}", id);
                Api.Call call = api.call(method, path).as(user);
                // Grizzly refuses an encoded NUL in a path itself, with a bare 400, before the application.
                String type = template.equals("PATCH " + WORLDS + "/{id}/meta") ? "application/merge-patch+json"
                        : "application/json";
                cases.add(new Case(method + " id " + id, Set.of("GET", "DELETE").contains(method) ? call
                        : call.body(type, object()), 400, id.contains("%00") ? CONTAINER_REFUSAL : "invalid_id"));
            }
        }
        for (String list : List.of(WORLDS, SESSIONS, SESSIONS + "/" + session + "/events")) {
            for (String limit : List.of("abc", "1e3", "%00", "99999999999", "1.5", "-")) {
                cases.add(new Case(list + " limit " + limit, api.get(list + "?limit=" + limit).as(user), 400,
                        "invalid_request"));
            }
            for (String cursor : List.of("garbage", "%00", "a.b", "x".repeat(5000))) {
                cases.add(new Case(list + " cursor " + abbreviated(cursor), api.get(list + "?cursor=" + cursor).as(user),
                        400, "invalid_cursor"));
            }
        }
        cases.add(new Case("negative offset", api.get(WORLDS + "?offset=-1").as(user), 400, "invalid_request"));
        cases.add(new Case("offset and cursor", api.get(WORLDS + "?offset=0&cursor=x").as(user), 400, "invalid_request"));
        return cases;
    }

    private List<Case> headerCases() {
        List<Case> cases = new ArrayList<>();
        JsonObject patchBody = object("world_time", 5);
        for (String ifMatch : List.of("1", "\"1", "W/1", "*, \"1\"", ",", "\"1\" \"2\"", "abc", "\"1\";x")) {
            cases.add(new Case("If-Match " + ifMatch, api.call("PATCH", SESSIONS + "/" + session).json(patchBody)
                    .header("If-Match", ifMatch).as(user), 400, "invalid_request"));
        }
        cases.add(new Case("If-Match disagrees with expected_version", api.call("PATCH", SESSIONS + "/" + session)
                .json(object("world_time", 5, "expected_version", 1)).header("If-Match", "\"2\"").as(user), 400,
                "invalid_request"));
        cases.add(new Case("If-Match of another version", api.call("PATCH", SESSIONS + "/" + session).json(patchBody)
                .header("If-Match", "\"7\", W/\"1\"").as(user), 409, "version_conflict"));
        cases.add(new Case("Idempotency-Key too long", api.post(WORLDS + "/" + world + "/advance",
                object("delta_seconds", 1)).header("Idempotency-Key", "k".repeat(256)).as(user), 400, "invalid_request"));
        return cases;
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + ")" : value;
    }

    @Test
    void everyHostileRequestGetsItsProblemAndChangesNothing() {
        createFixture();
        List<Case> cases = new ArrayList<>();
        endpoints().forEach(endpoint -> cases.addAll(bodyCases(endpoint)));
        cases.addAll(pathAndQueryCases());
        cases.addAll(headerCases());
        Map<String, String> before = TestDatabase.fingerprint();

        long worstMillis = 0;
        String worst = null;
        List<String> wrong = new ArrayList<>();
        for (Case hostile : cases) {
            long started = System.nanoTime();
            Reply reply = hostile.call().send();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis > worstMillis) {
                worstMillis = millis;
                worst = hostile.what();
            }
            if (!answers(reply, hostile.status(), hostile.error())) {
                wrong.add(hostile.what() + ": expected " + hostile.status() + " " + hostile.error() + ", got "
                        + reply.status() + " " + abbreviated(reply.body()));
            }
        }
        System.out.printf("Hostile input: %d requests, %d not as expected, worst %d ms (%s)%n", cases.size(),
                wrong.size(), worstMillis, worst);

        assertThat(wrong).as("hostile requests answered otherwise than expected").isEmpty();
        assertThat(TestDatabase.fingerprint()).as("the database after refused requests").isEqualTo(before);
        assertThat(worstMillis).as("slowest hostile request, ms (" + worst + ")").isLessThan(WORST_ACCEPTABLE_MILLIS);
    }

    /** A problem of that status and code, in the problem shape, without a stack trace. */
    private static boolean answers(Reply reply, int status, String error) {
        if (CONTAINER_REFUSAL.equals(error)) {
            return reply.status() == status && reply.body().isEmpty();
        }
        if (reply.status() != status || !String.valueOf(reply.header("Content-Type")).startsWith("application/problem+json")
                || reply.body().contains("\tat ")) {
            return false;
        }
        JsonObject problem = reply.json();
        return problem.getInt("status") == status && error.equals(problem.getString("error", null))
                && !problem.getString("title", "").isBlank() && !problem.getString("detail", "").isBlank();
    }

    @Test
    void wellFormedPreconditionsAndClientDocumentsPass() {
        createFixture();
        Reply star = api.patch(SESSIONS + "/" + session, object("world_time", 5)).header("If-Match", "*")
                .as(user).send();
        assertThat(star.status()).as(star.toString()).isEqualTo(200);
        Reply list = api.patch(SESSIONS + "/" + session, object("world_time", 6))
                .header("If-Match", "\"1\", \"2\"").as(user).send();
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().getInt("version")).isEqualTo(3);

        JsonValue nested = array();
        for (int depth = 1; depth < 29; depth++) {
            nested = array(nested);
        }
        JsonObject flags = object("flags", object("sessionKind", "world",
                "world", object("mode", "turn_based", "turnDeltaSeconds", 31536000), "emoji", "\uD83D\uDE00",
                "nested", nested));
        Reply kept = api.patch(SESSIONS + "/" + session, flags).as(user).send();
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);
        assertThat(kept.json().getJsonObject("flags").getString("emoji")).isEqualTo("\uD83D\uDE00");
        Reply turn = api.patch(SESSIONS + "/" + session, object("world_time", 31536006)).as(user).send();
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
    }
    /** Who calls, with what token. */
    private enum Caller { OWNER, OTHER_USER, NO_TOKEN, EXPIRED, TAMPERED_SIGNATURE, ALG_NONE, NON_NUMERIC_SUBJECT }

    /** An endpoint of the matrix: what the owner gets, and what another signed-in user gets. */
    private record Row(String name, Function<HostileRequestsIT, Api.Call> call, int owner, int other,
                       String otherError) {
    }

    private static List<Row> matrix() {
        String w = WORLDS + "/";
        String s = SESSIONS + "/";
        return List.of(
                new Row("list worlds", t -> t.api.get(WORLDS), 200, 200, null),
                new Row("create world", t -> t.api.post(WORLDS, object("name", "x")), 201, 201, null),
                new Row("get world", t -> t.api.get(w + t.world), 200, 404, "world_not_found"),
                new Row("replace meta", t -> t.api.put(w + t.world + "/meta", object("meta", object())), 200, 404,
                        "world_not_found"),
                new Row("merge meta", t -> t.api.call("PATCH", w + t.world + "/meta")
                        .body("application/merge-patch+json", object("lore", 1)), 200, 404, "world_not_found"),
                new Row("advance world", t -> t.api.post(w + t.world + "/advance", object("delta_seconds", 5)), 200, 404,
                        "world_not_found"),
                new Row("advance world with a key", t -> t.api.post(w + t.world + "/advance", object("delta_seconds", 5))
                        .header("Idempotency-Key", "k1"), 200, 404, "world_not_found"),
                new Row("scheduler config", t -> t.api.get(w + t.world + "/scheduler/config"), 200, 404, "world_not_found"),
                new Row("change scheduler config", t -> t.api.put(w + t.world + "/scheduler/config",
                        object("timeScale", 5)), 200, 404, "world_not_found"),
                new Row("pause", t -> t.api.post(w + t.world + "/scheduler/pause", object()), 200, 404, "world_not_found"),
                new Row("resume", t -> t.api.post(w + t.world + "/scheduler/resume", object()), 200, 404, "world_not_found"),
                new Row("schema report", t -> t.api.get(w + t.world + "/schema-report"), 200, 404, "world_not_found"),
                new Row("delete world", t -> t.api.delete(w + t.world), 204, 404, "world_not_found"),
                new Row("create scene", t -> t.api.post(SCENES, SCENE), 201, 201, null),
                new Row("get scene", t -> t.api.get(SCENES + "/" + t.scene), 200, 200, null),
                new Row("delete scene in use", t -> t.api.delete(SCENES + "/" + t.scene), 409, 404, "scene_not_found"),
                new Row("start session in the world", t -> t.api.post(SESSIONS, object("scene_id", t.scene,
                        "world_id", t.world)), 201, 403, "world_access_denied"),
                new Row("list sessions", t -> t.api.get(SESSIONS), 200, 200, null),
                new Row("get session", t -> t.api.get(s + t.session), 200, 404, "session_not_found"),
                new Row("advance session", t -> t.api.post(s + t.session + "/advance", object("edge_id", t.edge)),
                        200, 404, "session_not_found"),
                new Row("patch session", t -> t.api.patch(s + t.session, object("world_time", 5)), 200, 404,
                        "session_not_found"),
                new Row("patch session at its version", t -> t.api.patch(s + t.session, object("world_time", 5))
                        .header("If-Match", "\"1\""), 200, 404, "session_not_found"),
                new Row("events", t -> t.api.get(s + t.session + "/events"), 200, 404, "session_not_found"),
                new Row("delete session", t -> t.api.delete(s + t.session), 204, 404, "session_not_found"));
    }

    private Api.Call as(Api.Call call, Caller caller) {
        return switch (caller) {
            case OWNER -> call.as(user);
            case OTHER_USER -> call.as(Api.newUserId());
            case NO_TOKEN -> call;
            case EXPIRED -> call.bearer(TestKeys.expiredToken(user));
            case TAMPERED_SIGNATURE -> call.bearer(TestKeys.tamperedToken(user));
            case ALG_NONE -> call.bearer(TestKeys.unsignedToken(user));
            case NON_NUMERIC_SUBJECT -> call.bearer(TestKeys.tokenForSubject("alice"));
        };
    }

    @Test
    void onlyTheOwnerPassesEveryEndpoint() {
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (Row row : matrix()) {
            for (Caller caller : Caller.values()) {
                createFixture();
                Map<String, String> before = TestDatabase.fingerprint();
                Reply reply = as(row.call().apply(this), caller).send();
                requests++;
                boolean passes = switch (caller) {
                    case OWNER -> reply.status() == row.owner();
                    case OTHER_USER -> row.otherError() == null ? reply.status() == row.other()
                            : answers(reply, row.other(), row.otherError()) && TestDatabase.fingerprint().equals(before);
                    default -> answers(reply, 401, "unauthorized") && reply.header("WWW-Authenticate") != null
                            && TestDatabase.fingerprint().equals(before);
                };
                if (!passes) {
                    wrong.add(row.name() + " as " + caller + ": got " + reply.status() + " " + abbreviated(reply.body()));
                }
            }
        }
        System.out.printf("Ownership matrix: %d requests, %d not as expected%n", requests, wrong.size());
        assertThat(wrong).isEmpty();
    }

    @Test
    void listsShowNothingOfAnotherUser() {
        createFixture();
        long other = Api.newUserId();
        assertThat(api.get(WORLDS).as(other).send().json().getInt("total")).isZero();
        assertThat(api.get(SESSIONS).as(other).send().json().getJsonArray("sessions")).isEmpty();
        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isEqualTo(1);
    }
}
