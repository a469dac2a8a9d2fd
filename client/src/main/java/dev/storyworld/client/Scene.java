package dev.storyworld.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;
import java.util.Optional;

import static dev.storyworld.client.JsonFields.optDouble;
import static dev.storyworld.client.JsonFields.optInt;
import static dev.storyworld.client.JsonFields.optLong;
import static dev.storyworld.client.JsonFields.optString;

/** A scene as stored: nodes and edges with their database ids; nodes keep the client's keys. */
public record Scene(long id, String title, String description, Long entryNodeId, JsonObject meta, List<Node> nodes,
                    List<Edge> edges) {

    public record Node(long id, String key, String label, Long assetId, boolean loopable, boolean skippable,
                       Double revealChoicesAtSec, JsonObject meta) {

        static Node of(JsonObject json) {
            return new Node(json.getJsonNumber("id").longValueExact(), json.getString("key"), optString(json, "label"),
                    optLong(json, "asset_id"), JsonFields.bool(json, "loopable"), JsonFields.bool(json, "skippable"),
                    optDouble(json, "reveal_choices_at_sec"), JsonFields.document(json, "meta"));
        }
    }

    public record Edge(long id, long fromNodeId, long toNodeId, String choiceLabel, double weight, Double revealAtSec,
                       Integer cooldownSec, JsonValue conditions, JsonValue effects) {

        static Edge of(JsonObject json) {
            return new Edge(json.getJsonNumber("id").longValueExact(), json.getJsonNumber("from_node_id").longValueExact(),
                    json.getJsonNumber("to_node_id").longValueExact(), json.getString("choice_label"),
                    json.getJsonNumber("weight").doubleValue(), optDouble(json, "reveal_at_sec"),
                    optInt(json, "cooldown_sec"), JsonFields.value(json, "conditions"), JsonFields.value(json, "effects"));
        }
    }

    static Scene of(JsonObject json) {
        return new Scene(json.getJsonNumber("id").longValueExact(), json.getString("title"), optString(json, "description"),
                optLong(json, "entry_node_id"), JsonFields.document(json, "meta"), JsonFields.list(json, "nodes", Node::of),
                JsonFields.list(json, "edges", Edge::of));
    }

    /** The node of client key {@code key}. */
    public Optional<Node> node(String key) {
        return nodes.stream().filter(n -> n.key().equals(key)).findFirst();
    }

    /** The choices that leave node {@code nodeId}. */
    public List<Edge> edgesFrom(long nodeId) {
        return edges.stream().filter(e -> e.fromNodeId() == nodeId).toList();
    }
}
