package dev.storyworld.common;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts the client-owned JSON documents (world meta, session flags and relationships) between
 * their stored text and the generic maps the rules work on. Keys are kept exactly as the client
 * wrote them, so no naming strategy applies here.
 */
public final class JsonDocuments {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonDocuments() {
    }

    public static String write(Map<String, Object> document) {
        return JSONB.toJson(document == null ? Map.of() : document);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        return JSONB.fromJson(json, LinkedHashMap.class);
    }
}
