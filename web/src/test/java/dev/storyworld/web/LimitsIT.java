package dev.storyworld.web;

import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service bounds, black box, in the API execution: the request size (the default 1 MiB),
 * the size of a scene, and the page sizes of the session list and the event log. The rate limits
 * (429) are RedisIT's: this execution sets them out of the way (100 000 a minute, web/pom.xml).
 */
class LimitsIT extends ServiceIT {

    @Test
    void bodiesOverTheLimitAre413AndStoreNothing() {
        String big = object("name", "x", "meta", object("blob", "y".repeat(1_048_577))).toString();

        assertProblem(api.post(WORLDS, big).as(user).send(), 413, "payload_too_large");
        assertProblem(api.call("POST", WORLDS).as(user).header("Content-Type", "application/json")
                .chunked(big).send(), 413, "payload_too_large");

        assertThat(api.get(WORLDS).as(user).send().json().getInt("total")).isZero();
    }

    @Test
    void scenesAreBoundedInSize() {
        JsonArrayBuilder nodes = Json.createArrayBuilder();
        IntStream.rangeClosed(0, 10_000).forEach(i -> nodes.add(object("key", "n" + i)));
        Reply refused = api.post(SCENES, object("title", "big", "entry", "n1", "nodes", nodes.build())).as(user).send();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().getJsonArray("violations").getJsonObject(0).getString("field")).isEqualTo("nodes");
    }

    @Test
    void theSessionListPagesTwentyByDefaultAndAtMostAHundred() {
        Graph graph = createScene(user);
        IntStream.range(0, 101).forEach(i -> newSession(graph));

        assertThat(sessionPage("").getJsonArray("sessions")).hasSize(20);
        assertThat(sessionPage("?limit=1000").getJsonArray("sessions")).hasSize(100);
        assertThat(sessionPage("?limit=0").getJsonArray("sessions")).hasSize(1);
        assertProblem(api.get(SESSIONS + "?limit=abc").as(user).send(), 400, "invalid_request");
        assertThat(api.get(SESSIONS + "/" + newSession(graph) + "/events?limit=0").as(user).send().json()
                .getJsonArray("events")).hasSize(1);
    }

    private JsonObject sessionPage(String query) {
        Reply page = api.get(SESSIONS + query).as(user).send();
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.json();
    }
}
