package dev.storyworld.web;

import dev.storyworld.web.support.Api;
import dev.storyworld.web.support.Api.Reply;
import dev.storyworld.web.support.ServiceIT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.storyworld.web.support.JsonValues.array;
import static dev.storyworld.web.support.JsonValues.object;
import static org.assertj.core.api.Assertions.assertThat;

/** Scenes, black box: graphs created whole, read back with ids, deleted only by their creator while unplayed. */
class ScenesIT extends ServiceIT {

    @Test
    void aSceneIsCreatedWholeAndReadBackWithIds() {
        Graph graph = createScene(user);

        Reply read = api.get(SCENES + "/" + graph.id()).as(Api.newUserId()).send();

        assertThat(read.status()).isEqualTo(200);
        JsonObject scene = read.json();
        assertThat(scene.getString("title")).isEqualTo("Harbor");
        assertThat(scene.getString("description")).isEqualTo("At the docks");
        assertThat(scene.getJsonObject("meta").getString("mood")).isEqualTo("calm");
        assertThat(scene.getJsonNumber("entry_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        JsonObject start = scene.getJsonArray("nodes").getJsonObject(0);
        assertThat(start.getString("label")).isEqualTo("Start");
        assertThat(start.getJsonNumber("asset_id").longValue()).isEqualTo(9);
        assertThat(start.getBoolean("loopable")).isTrue();
        assertThat(start.getBoolean("skippable")).isFalse();
        assertThat(start.getJsonNumber("reveal_choices_at_sec").doubleValue()).isEqualTo(1.5);
        JsonObject a = scene.getJsonArray("edges").getJsonObject(0);
        assertThat(a.getJsonNumber("from_node_id").longValue()).isEqualTo(graph.nodes().get("start"));
        assertThat(a.getJsonNumber("to_node_id").longValue()).isEqualTo(graph.nodes().get("middle"));
        assertThat(a.getJsonNumber("weight").doubleValue()).isEqualTo(2.5);
        assertThat(a.getInt("cooldown_sec")).isEqualTo(10);
        assertThat(a.getJsonArray("conditions").toString()).isEqualTo("[{\"key\":\"k\",\"op\":\"eq\",\"value\":1}]");
        assertThat(a.getJsonObject("effects").getInt("gold")).isEqualTo(5);
        assertThat(scene.getJsonArray("edges").getJsonObject(1).getJsonNumber("weight").doubleValue()).isEqualTo(1.0);
    }

    @Test
    void inconsistentGraphsAreRefusedAndNothingIsStored() {
        JsonObject nodeA = object("key", "a");
        Map<JsonObject, String> refusals = Map.of(
                object("title", "x", "entry", "a", "nodes", array(nodeA, nodeA)), "nodes[1].key",
                object("title", "x", "entry", "z", "nodes", array(nodeA)), "entry",
                object("title", "x", "entry", "a", "nodes", array(nodeA),
                        "edges", array(object("from", "a", "to", "q", "choice_label", "go"))), "edges[0].to",
                object("title", "x", "entry", "a", "nodes", array()), "nodes",
                object("title", "", "entry", "a", "nodes", array(nodeA)), "title",
                object("title", "x", "entry", "a", "nodes", array(nodeA),
                        "edges", array(object("from", "a", "to", "a"))), "edges[0].choice_label");
        refusals.forEach((body, field) -> assertRefused(api.post(SCENES, body).as(user).send(), body.toString(), field));
        // A weight no double holds is number text JSON-P does not write.
        String hugeWeight = "{\"title\":\"x\",\"entry\":\"a\",\"nodes\":[{\"key\":\"a\"}],"
                + "\"edges\":[{\"from\":\"a\",\"to\":\"a\",\"choice_label\":\"go\",\"weight\":1e999}]}";
        assertRefused(api.post(SCENES, hugeWeight).as(user).send(), hugeWeight, "edges[0].weight");
    }

    @Test
    void oneBodyWithThreeKindsOfFaultsGetsEveryViolationInOneAnswer() {
        // An unknown field (body policy), a blank title (a field's rule), broken references (the graph's rules).
        JsonObject body = object("title", "", "colour", "blue", "entry", "z", "nodes", array(object("key", "a")),
                "edges", array(object("from", "a", "to", "q", "choice_label", "go")));

        Reply refused = api.post(SCENES, body).as(user).send();

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_request");
        assertThat(refused.json().getJsonArray("violations").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("field"))
                .containsExactlyInAnyOrder("colour", "title", "entry", "edges[0].to");
        assertThat(refused.json().getString("detail")).isEqualTo("The request body breaks 4 rules");
        // Without the unknown field, the field's rule and the graph's still come together.
        JsonObject known = object("title", "", "entry", "z", "nodes", array(object("key", "a")),
                "edges", array(object("from", "a", "to", "q", "choice_label", "go")));
        assertThat(api.post(SCENES, known).as(user).send().json().getJsonArray("violations")
                .getValuesAs(JsonObject.class)).extracting(v -> v.getString("field"))
                .containsExactlyInAnyOrder("title", "entry", "edges[0].to");
    }

    private static void assertRefused(Reply refused, String body, String field) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("invalid_request");
        assertThat(refused.json().getJsonArray("violations").getValuesAs(JsonObject.class))
                .extracting(v -> v.getString("field")).as(body).contains(field);
    }

    @Test
    void onlyTheCreatorDeletesASceneAndOnlyWhenNoSessionPlaysIt() {
        Graph graph = createScene(user);
        long session = newSession(graph);

        Reply foreign = api.delete(SCENES + "/" + graph.id()).as(Api.newUserId()).send();
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.error()).isEqualTo("scene_not_found");
        Reply inUse = api.delete(SCENES + "/" + graph.id()).as(user).send();
        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.error()).isEqualTo("scene_in_use");

        assertThat(api.delete(SESSIONS + "/" + session).as(user).send().status()).isEqualTo(204);
        assertThat(api.delete(SCENES + "/" + graph.id()).as(user).send().status()).isEqualTo(204);
        assertThat(api.get(SCENES + "/" + graph.id()).as(user).send().error()).isEqualTo("scene_not_found");
    }
}
