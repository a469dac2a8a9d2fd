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

    /** Every endpoint of the API with a valid request: the bodies of {@link #endpoints()}, then the reads. */
    private List<Endpoint> everyEndpoint() {
        List<Endpoint> all = new ArrayList<>(endpoints());
        String w = WORLDS + "/" + world;
        String s = SESSIONS + "/" + session;
        for (String read : List.of(WORLDS, w, w + "/scheduler/config", w + "/schema-report", SCENES + "/" + scene,
                SESSIONS, s, s + "/events", "api/v1/ready")) {
            all.add(new Endpoint("GET", read, null, List.of()));
        }
        all.add(new Endpoint("POST", w + "/scheduler/pause", null, List.of()));
        all.add(new Endpoint("DELETE", s, null, List.of()));
        all.add(new Endpoint("DELETE", SCENES + "/" + scene, null, List.of()));
        return all;
    }

    private Api.Call valid(Endpoint endpoint) {
        Api.Call call = api.call(endpoint.method(), endpoint.path()).as(user);
        return endpoint.json() == null ? call : call.body(endpoint.contentType(), endpoint.body());
    }

    /**
     * Headers a client may send against any endpoint that the service cannot honour or cannot read: each
     * decided before any work (the database does not change, a create creates nothing), in the problem
     * shape. Returns the cases by class, for the count of each.
     */
    private Map<String, List<Case>> headerClasses() {
        Map<String, List<Case>> classes = new LinkedHashMap<>();
        List<Case> refused = new ArrayList<>();
        List<Case> malformed = new ArrayList<>();
        List<Case> untyped = new ArrayList<>();
        for (Endpoint endpoint : everyEndpoint()) {
            String at = endpoint.method() + " " + endpoint.path() + " ";
            for (String accept : List.of("text/html", "application/json;q=0", "application/json;q=0, */*",
                    "application/*;q=0, text/plain", "*/*;q=0", "application/json; charset=nonsense",
                    "application/json; charset=iso-8859-1", "APPLICATION/JSON; Charset=UTF-16", "application/json;indent=2",
                    "application/xml, text/*")) {
                refused.add(new Case(at + "Accept " + accept, valid(endpoint).header("Accept", accept), 406,
                        "not_acceptable"));
            }
            for (String charsets : List.of("iso-8859-1", "utf-8;q=0, *", "us-ascii, *;q=0")) {
                refused.add(new Case(at + "Accept-Charset " + charsets, valid(endpoint).header("Accept-Charset", charsets),
                        406, "not_acceptable"));
            }
            for (String accept : List.of("application/json;q=2", "application/json;q=0.1234", "application/json;q=-0",
                    "application/", "*/json", "application/json;q=0.5;q=1", "application/json;x=\"open")) {
                malformed.add(new Case(at + "Accept " + accept, valid(endpoint).header("Accept", accept), 400,
                        "invalid_request"));
            }
            malformed.add(new Case(at + "Accept-Charset utf-8;level=1", valid(endpoint)
                    .header("Accept-Charset", "utf-8;level=1"), 400, "invalid_request"));
            if (endpoint.json() != null) {
                for (String type : List.of("application/json;;", "application/json; charset", "json")) {
                    malformed.add(new Case(at + "Content-Type " + type, send(endpoint, type, endpoint.body()), 400,
                            "invalid_request"));
                }
                untyped.add(new Case(at + "no Content-Type", api.call(endpoint.method(), endpoint.path())
                        .untyped(endpoint.body()).as(user), 415, "unsupported_media_type"));
                for (String charset : List.of("iso-8859-1", "utf-16", "nonsense")) {
                    untyped.add(new Case(at + "charset " + charset, send(endpoint, endpoint.contentType() + "; charset="
                            + charset, endpoint.body()), 415, "unsupported_media_type"));
                }
            }
        }
        List<Case> numeric = new ArrayList<>();
        for (String ifMatch : List.of("\"9223372036854775808\"", "\"9999999999999999999\"", "\"99999999999999999999\"",
                "W/\"123456789012345678901234567890\"", "\"1\", \"18446744073709551616\"")) {
            numeric.add(new Case("If-Match " + ifMatch, api.call("PATCH", SESSIONS + "/" + session)
                    .json(object("world_time", 5)).header("If-Match", ifMatch).as(user), 400, "invalid_request"));
        }
        for (String limit : List.of("9223372036854775808", "99999999999999999999", "-9223372036854775809")) {
            numeric.add(new Case("limit " + limit, api.get(WORLDS + "?limit=" + limit).as(user), 400, "invalid_request"));
            numeric.add(new Case("offset " + limit, api.get(WORLDS + "?offset=" + limit).as(user), 400, "invalid_request"));
        }
        classes.put("Accept or Accept-Charset the service cannot honour (406)", refused);
        classes.put("malformed Accept, Accept-Charset or Content-Type (400)", malformed);
        classes.put("body without Content-Type or not in UTF-8 (415)", untyped);
        classes.put("numeric headers and tags out of range (400)", numeric);
        return classes;
    }

    @Test
    void negotiationAndHeadersAreDecidedBeforeAnyWork() {
        createFixture();
        Map<String, List<Case>> classes = headerClasses();
        Map<String, String> before = TestDatabase.fingerprint();
        List<String> wrong = new ArrayList<>();
        classes.forEach((name, cases) -> {
            int failed = 0;
            for (Case hostile : cases) {
                Reply reply = hostile.call().send();
                if (!answers(reply, hostile.status(), hostile.error())) {
                    failed++;
                    wrong.add(hostile.what() + ": expected " + hostile.status() + " " + hostile.error() + ", got "
                            + reply.status() + " " + abbreviated(reply.body()));
                }
            }
            System.out.printf("Hostile headers, %s: %d requests, %d not as expected%n", name, cases.size(), failed);
        });
        assertThat(wrong).as("hostile headers answered otherwise than expected").isEmpty();
        assertThat(TestDatabase.fingerprint()).as("the database after refused requests").isEqualTo(before);
    }

    @Test
    void a415NamesTheTypesOfThatEndpoint() {
        createFixture();
        for (Endpoint endpoint : endpoints()) {
            Reply reply = send(endpoint, "text/plain", endpoint.body()).send();
            assertThat(answers(reply, 415, "unsupported_media_type")).as(reply.toString()).isTrue();
            assertThat(reply.header("Accept")).as(reply.toString()).isEqualTo(endpoint.contentType());
            assertThat(reply.json().getString("detail")).contains(endpoint.contentType());
            assertThat(reply.header("Accept-Patch")).as(reply.toString())
                    .isEqualTo(endpoint.method().equals("PATCH") ? endpoint.contentType() : null);
        }
    }

    /** What every client may send: media types in any case, with parameters, weights; the answer is always UTF-8 JSON. */
    @Test
    void acceptableVariantsAreAnsweredAsUtf8Json() {
        createFixture();
        String name = "Hafen \u00e9\u20ac\uD83D\uDE00";
        int requests = 0;
        for (String accept : List.of("Application/JSON", "application/json; charset=UTF-8", "application/json;charset=\"utf-8\"",
                "*/*;q=0.1", "application/*", "text/html, application/json;q=0.5", "application/json; charset=iso-8859-1, */*;q=0.2",
                "application/json;q=0.001, */*;q=0")) {
            for (String charsets : List.of("", "utf-8", "iso-8859-1;q=1, UTF-8;q=0.1", "*")) {
                Api.Call create = api.call("POST", WORLDS).body("Application/Json; Charset=UTF-8", object("name", name))
                        .header("Accept", accept).as(user);
                Api.Call read = api.get(SESSIONS + "/" + session).header("Accept", accept).as(user);
                if (!charsets.isEmpty()) {
                    create.header("Accept-Charset", charsets);
                    read.header("Accept-Charset", charsets);
                }
                Reply created = create.send();
                Reply got = read.send();
                requests += 2;
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                assertThat(created.header("Content-Type")).as(accept).isEqualTo("application/json");
                assertThat(created.json().getString("name")).isEqualTo(name);
                assertThat(got.status()).as(got.toString()).isEqualTo(200);
                assertThat(got.header("Content-Type")).as(accept).isEqualTo("application/json");
            }
        }
        assertThat(api.get(WORLDS + "?limit=1000").as(user).send().json().getInt("total")).isEqualTo(1 + requests / 2);
        System.out.printf("Acceptable variants: %d requests, all UTF-8 application/json%n", requests);
    }

    /**
     * No endpoint answers beyond the contract: the framework's descriptions are gone, and for every path of
     * docs/openapi.yaml under /api/v1 the methods the server allows (the Allow of its 405 to OPTIONS) are
     * exactly the documented ones, with HEAD beside GET.
     */
    @Test
    void nothingAnswersBeyondTheDocumentedSurface() throws Exception {
        createFixture();
        List<String> wrong = new ArrayList<>();
        int requests = 0;
        for (String path : List.of("api/v1/application.wadl", "api/v1/application.wadl?detail=true",
                "api/v1/application.wadl/xsd0.xsd", "openapi/application.wadl", "openapi/application.wadl?detail=true",
                "api/v1/game/application.wadl", "api/v1/", "api/v1/openapi.yaml")) {
            for (boolean token : List.of(false, true)) {
                Api.Call call = api.get(path).header("Accept", "*/*");
                Reply reply = (token ? call.as(user) : call).send();
                requests++;
                if (reply.status() != 404 || reply.body().contains("wadl") || reply.body().contains("<html")) {
                    wrong.add(path + (token ? " with a token" : "") + ": " + reply.status() + " " + abbreviated(reply.body()));
                }
            }
        }
        Map<String, Object> document;
        try (var yaml = HostileRequestsIT.class.getResourceAsStream("/META-INF/openapi.yaml")) {
            document = new org.yaml.snakeyaml.Yaml().load(yaml);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        for (Map.Entry<String, Map<String, Object>> path : paths.entrySet()) {
            String concrete = path.getKey().substring(1).replace("{id}", Long.toString(path.getKey().contains("sessions")
                    ? session : path.getKey().contains("scenes") ? scene : world));
            java.util.TreeSet<String> documented = new java.util.TreeSet<>();
            path.getValue().keySet().stream().filter(key -> Set.of("get", "put", "post", "patch", "delete").contains(key))
                    .map(key -> key.toUpperCase(java.util.Locale.ROOT)).forEach(documented::add);
            if (documented.contains("GET")) {
                documented.add("HEAD");
            }
            Reply options = api.call("OPTIONS", concrete).as(user).send();
            requests++;
            java.util.TreeSet<String> allowed = new java.util.TreeSet<>(List.of(String.valueOf(options.header("Allow"))
                    .split("\\s*,\\s*")));
            if (!answers(options, 405, "method_not_allowed") || !allowed.equals(documented)) {
                wrong.add("OPTIONS " + concrete + ": " + options.status() + " Allow " + allowed + ", documented " + documented);
            }
        }
        System.out.printf("Framework surface: %d requests, %d not as expected%n", requests, wrong.size());
        assertThat(wrong).isEmpty();
    }

    /**
     * A keyed world advance that fails stores nothing under its key, on each way it can fail: the world is
     * missing or another user's (404), the key was used for another request (409, the first answer kept),
     * the world is deleted while the advance waits for its row (404 after the key was claimed); the key is
     * then free for a request of its own. (A database outage, 503, is FaultsIT's.)
     */
    @Test
    void keysOfAdvancesThatFailStayFree() throws Exception {
        createFixture();
        long other = createWorldOf(Api.newUserId());
        int requests = 0;
        for (long notMine : List.of(other, 999_999_999_999L)) {
            Reply missing = keyed(notMine, 5, "free-404").send();
            requests++;
            assertThat(answers(missing, 404, "world_not_found")).as(missing.toString()).isTrue();
            assertThat(storedKeys("free-404")).isZero();
        }
        Reply first = keyed(world, 5, "free-404").send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(storedKeys("free-404")).isOne();

        Reply reused = keyed(world, 6, "free-404").send();
        requests++;
        assertThat(answers(reused, 409, "idempotency_key_reused")).as(reused.toString()).isTrue();
        Reply again = keyed(world, 5, "free-404").send();
        assertThat(again.json().get("world_time")).isEqualTo(first.json().get("world_time"));
        assertThat(storedKeys("free-404")).isOne();

        // The lost race: the advance has claimed its key and waits for the world's row, which a DELETE then removes.
        long doomed = createWorldOf(user);
        java.util.concurrent.CompletableFuture<Reply> advancing;
        try (java.sql.Connection db = TestDatabase.connect()) {
            db.setAutoCommit(false);
            try (var lock = db.prepareStatement("UPDATE game_world_states SET world_time = world_time WHERE world_id = ?")) {
                lock.setLong(1, doomed);
                lock.executeUpdate();
            }
            advancing = java.util.concurrent.CompletableFuture.supplyAsync(() -> keyed(doomed, 5, "free-race").send());
            dev.storyworld.web.support.ExternalProcess.awaitTrue("the advance waits for the row", java.time.Duration.ofSeconds(10),
                    TestDatabase::someoneWaitsForALock);
            try (var delete = db.prepareStatement("DELETE FROM game_worlds WHERE id = ?")) {
                delete.setLong(1, doomed);
                assertThat(delete.executeUpdate()).isOne();
            }
            db.commit();
        }
        Reply lost = advancing.get(10, java.util.concurrent.TimeUnit.SECONDS);
        requests++;
        assertThat(answers(lost, 404, "world_not_found")).as(lost.toString()).isTrue();
        assertThat(storedKeys("free-race")).as("a key claimed by an advance that lost its world").isZero();
        Reply reuse = keyed(world, 7, "free-race").send();
        assertThat(reuse.status()).as(reuse.toString()).isEqualTo(200);
        System.out.printf("Keys of failed advances: %d failed requests, every key free afterwards%n", requests);
    }

    private Api.Call keyed(long worldId, double delta, String key) {
        return api.post(WORLDS + "/" + worldId + "/advance", object("delta_seconds", delta)).header("Idempotency-Key", key)
                .as(user);
    }

    private long storedKeys(String key) {
        return ((Number) TestDatabase.value("SELECT count(*) FROM idempotency_keys WHERE user_id = ? AND idempotency_key = ?",
                user, key)).longValue();
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
