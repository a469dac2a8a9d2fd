package dev.storyworld.client;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * A scene graph to create in one request: nodes named by client keys, edges between keys, the entry
 * node's key. Build it with {@link #titled(String)}.
 */
public record SceneDraft(String title, String description, JsonObject meta, String entry, List<NodeDraft> nodes,
                         List<EdgeDraft> edges) {

    public SceneDraft {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    public record NodeDraft(String key, String label, Long assetId, Boolean loopable, Boolean skippable,
                            Double revealChoicesAtSec, JsonObject meta) {

        public static NodeDraft of(String key, String label) {
            return new NodeDraft(key, label, null, null, null, null, null);
        }

        JsonObject json() {
            return new JsonFields.Body().put("key", key).put("label", label).put("asset_id", assetId)
                    .put("loopable", loopable).put("skippable", skippable)
                    .put("reveal_choices_at_sec", revealChoicesAtSec).put("meta", meta).build();
        }
    }

    /** A choice from node key {@code from} to node key {@code to}; a null weight means the server's 1.0. */
    public record EdgeDraft(String from, String to, String choiceLabel, Double weight, Double revealAtSec,
                            Integer cooldownSec, JsonValue conditions, JsonValue effects) {

        public static EdgeDraft of(String from, String to, String choiceLabel) {
            return new EdgeDraft(from, to, choiceLabel, null, null, null, null, null);
        }

        JsonObject json() {
            return new JsonFields.Body().put("from", from).put("to", to).put("choice_label", choiceLabel)
                    .put("weight", weight).put("reveal_at_sec", revealAtSec).put("cooldown_sec", cooldownSec)
                    .put("conditions", conditions).put("effects", effects).build();
        }
    }

    public static Builder titled(String title) {
        return new Builder(title);
    }

    JsonObject json() {
        JsonArrayBuilder nodeArray = JsonFields.JSON.createArrayBuilder();
        nodes.forEach(n -> nodeArray.add(n.json()));
        JsonArrayBuilder edgeArray = JsonFields.JSON.createArrayBuilder();
        edges.forEach(e -> edgeArray.add(e.json()));
        return new JsonFields.Body().put("title", title).put("description", description).put("meta", meta)
                .put("entry", entry).put("nodes", nodeArray.build()).put("edges", edgeArray.build()).build();
    }

    public static final class Builder {
        private final String title;
        private String description;
        private JsonObject meta;
        private String entry;
        private final List<NodeDraft> nodes = new ArrayList<>();
        private final List<EdgeDraft> edges = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder meta(JsonObject meta) {
            this.meta = meta;
            return this;
        }

        /** The entry node's key; without it, the first node added is the entry. */
        public Builder entry(String key) {
            this.entry = key;
            return this;
        }

        public Builder node(String key, String label) {
            return node(NodeDraft.of(key, label));
        }

        public Builder node(NodeDraft node) {
            nodes.add(node);
            return this;
        }

        public Builder edge(String from, String to, String choiceLabel) {
            return edge(EdgeDraft.of(from, to, choiceLabel));
        }

        public Builder edge(EdgeDraft edge) {
            edges.add(edge);
            return this;
        }

        public SceneDraft build() {
            String entryKey = entry != null || nodes.isEmpty() ? entry : nodes.get(0).key();
            return new SceneDraft(title, description, meta, entryKey, nodes, edges);
        }
    }
}
