package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServedOpenApi;
import dev.storyworld.web.support.ServiceIT;
import dev.storyworld.web.support.TestKeys;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every endpoint shares: authentication, the problem shape of every error row, request ids,
 * health, metrics and the OpenAPI document. The request size limit is LimitsIT's.
 */
class PlatformIT extends ServiceIT {

    private static final String REQUEST_ID = "X-Request-Id";
    private static final String REFUSED_TOKENS = "storyworld_tokens_refused_total\\{[^}]*\\}";
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void everyApiEndpointNeedsAValidBearerToken() {
        Map<String, Api.Call> unauthenticated = Map.of(
                "no token", api.get(WORLDS),
                "not a JWT", api.get(WORLDS).bearer("abc.def.ghi"),
                "garbage", api.get(WORLDS).header("Authorization", "Bearer"),
                "basic scheme", api.get(WORLDS).header("Authorization", "Basic dXNlcjpwdw=="),
                "expired", api.get(WORLDS).bearer(TestKeys.expiredToken(user)),
                "signed by another key", api.get(WORLDS).bearer(TestKeys.tokenOfAnotherKey(user)),
                "another issuer", api.get(WORLDS).bearer(TestKeys.tokenOfAnotherIssuer(user)),
                "advance without token", api.post(WORLDS + "/1/advance", object("delta_seconds", 1)),
                "create without token", api.post(WORLDS, object("name", "x")));

        long refusedBefore = api.counter(REFUSED_TOKENS);
        unauthenticated.forEach((what, call) -> {
            Reply reply = call.send();
            assertProblem(reply, 401, "unauthorized");
            assertThat(reply.header("WWW-Authenticate")).as(what).startsWith("Bearer");
        });
        assertThat(api.get(WORLDS).as(user).send().status()).isEqualTo(200);
        assertThat(api.counter(REFUSED_TOKENS)).as("refused requests that carried an Authorization header")
                .isEqualTo(refusedBefore + 6);
    }

    @Test
    void devTokensIdentifyTheUserTheyWereMintedFor() {
        Reply minted = api.post("api/v1/dev/tokens", object("user_id", user)).send();
        assertThat(minted.status()).as(minted.toString()).isEqualTo(200);
        assertThat(Instant.parse(minted.json().getString("expires_at"))).isAfter(Instant.now());
        String token = minted.json().getString("token");

        Reply created = api.post(WORLDS, object("name", "Mine")).bearer(token).send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.get(WORLDS + "/" + created.id()).as(user).send().status()).isEqualTo(200);
        assertThat(api.get(WORLDS + "/" + created.id()).as(Api.newUserId()).send().status()).isEqualTo(404);

        assertProblem(api.post("api/v1/dev/tokens", object("user_id", 0)).send(), 400, "invalid_id");
        assertProblem(api.post("api/v1/dev/tokens", object()).send(), 400, "invalid_request");
    }

    @Test
    void malformedBodiesAreMalformedJson() {
        for (String body : List.of("nope", "{\"name\":", "[1,2]", "\"text\"", "42", "")) {
            assertProblem(api.post(WORLDS, body).as(user).send(), 400, "malformed_json");
        }
    }

    @Test
    void fieldsOfTheWrongTypeAreInvalidRequests() {
        for (JsonObject body : List.of(object("name", object("a", 1)), object("name", "x", "meta", 5),
                object("name", "x", "meta", array(1)))) {
            assertProblem(api.post(WORLDS, body).as(user).send(), 400, "invalid_request");
        }
        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void unknownPathsWrongMethodsAndWrongMediaTypes() {
        assertProblem(api.get("api/v1/nothing/here").as(user).send(), 404, "not_found");
        assertProblem(api.get("nothing/here").send(), 404, "not_found");

        Reply wrongMethod = api.put(WORLDS + "/1/advance", object()).as(user).send();
        assertProblem(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.header("Allow")).contains("POST");

        assertProblem(api.call("POST", WORLDS).body("text/plain", object("name", "x")).as(user).send(),
                415, "unsupported_media_type");
        assertProblem(api.call("POST", WORLDS).body("application/xml", "<name/>").as(user).send(),
                415, "unsupported_media_type");
    }

    @Test
    void everyAnswerCarriesTheClientsRequestIdOrAFreshOne() {
        String sent = "client-" + user + "-~!#$%&'*+.^_`|";
        Map<String, Api.Call> answers = new LinkedHashMap<>();
        answers.put("an API answer", api.get(WORLDS).as(user));
        answers.put("a problem of the API", api.get(WORLDS + "/1").as(user));
        answers.put("the API's 401 without a token", api.get(WORLDS));
        answers.put("the container's 401 of a rejected token", api.get(WORLDS).bearer("abc.def.ghi"));
        answers.put("the container's error page", api.get("nothing/here"));
        answers.put("a wrong method", api.put(WORLDS + "/1/advance", object()).as(user));
        answers.put("a wrong media type", api.call("POST", WORLDS).body("text/plain", "x").as(user));
        answers.put("liveness", api.get("health/live"));
        answers.put("readiness", api.get("health/ready"));
        answers.put("the OpenAPI document", api.get("openapi"));
        answers.put("metrics", api.get("metrics"));

        answers.forEach((what, call) -> {
            Reply reply = call.header(REQUEST_ID, sent).send();
            assertThat(reply.header(REQUEST_ID)).as(what + ": " + reply).isEqualTo(sent);
        });
        for (String invalid : List.of("x".repeat(65), "with space", "with\ttab", "")) {
            Reply reply = api.get(WORLDS).as(user).header(REQUEST_ID, invalid).send();
            assertThat(reply.header(REQUEST_ID)).as(invalid).matches(UUID);
        }
        String first = api.get(WORLDS).as(user).send().header(REQUEST_ID);
        String second = api.get("nothing/here").send().header(REQUEST_ID);
        assertThat(first).matches(UUID).isNotEqualTo(second);
        assertThat(second).matches(UUID);
        assertThat(api.get(WORLDS).as(user).header(REQUEST_ID, "x".repeat(64)).send().header(REQUEST_ID))
                .isEqualTo("x".repeat(64));
    }

    @Test
    void everyStoryworldCounterIsPresentFromStartWithEachOfItsTagValues() {
        // Other classes share this server and may have counted already: read it as it was at its start.
        String metrics = metricsAtStart();

        for (String counter : List.of("storyworld_redis_failures_total{operation=\"rate_limit\"}",
                "storyworld_redis_failures_total{operation=\"ping\"}",
                "storyworld_redis_probes_total{}",
                "storyworld_rate_limited_total{class=\"world-advance\"}",
                "storyworld_rate_limited_total{class=\"session-patch\"}",
                "storyworld_rate_limited_total{class=\"write\"}",
                "storyworld_rate_limited_total{class=\"read\"}",
                "storyworld_version_conflicts_total{}",
                "storyworld_events_removed_total{reason=\"retention\"}",
                "storyworld_events_removed_total{reason=\"age\"}",
                "storyworld_database_unavailable_total{}",
                "storyworld_tokens_refused_total{}",
                "storyworld_world_advance_batches_total{}",
                "storyworld_rate_limited_total{class=\"stream\"}",
                "storyworld_live_events_sent_total{}",
                "storyworld_live_dropped_slow_total{}",
                "storyworld_live_listener_reconnects_total{}",
                "storyworld_live_open_streams{}")) {
            String name = counter.substring(0, counter.indexOf('{'));
            String tag = counter.substring(counter.indexOf('{') + 1, counter.length() - 1);
            assertThat(metrics).as(counter).containsPattern("(?m)^" + name + "\\{[^}]*" + Pattern.quote(tag)
                    + "[^}]*\\} [0-9.]+$");
        }
    }

    @Test
    void healthAndOpenApiArePublic() {
        Reply live = api.get("health/live").send();
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().getString("status")).isEqualTo("UP");

        Reply ready = api.get("health/ready").send();
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"name\":\"database\"").contains("\"status\":\"UP\"");

        Reply openapi = api.get("openapi").send();
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).doesNotContain("dev/tokens", "endpoints:");
    }

    @Test
    void theServedOpenApiDocumentIsTheCommittedOne() throws Exception {
        Reply served = api.get("openapi").send();
        assertThat(served.status()).isEqualTo(200);
        Object document = new org.yaml.snakeyaml.Yaml().load(served.body());
        // Payara Micro 7 writes the keywords its model does not know (nullable) a second time, as "all".
        assertThat(ServedOpenApi.withoutPayara7Echo(document)).as("/openapi against docs/openapi.yaml")
                .isEqualTo(OpenApiContractTest.document());
    }
}
