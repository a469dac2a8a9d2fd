package dev.storyworld.common;

import jakarta.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object the client owns (a world's meta, a session's flags and relationships, a scene's
 * meta, conditions and effects) as one immutable value: keys in the client's order, values as the
 * generic values of {@link JsonDocuments} (ordered maps, lists, BigDecimal, String, Boolean, null),
 * read-only all the way down. Changes make a new document, so a document handed out can never be
 * changed behind its holder's back. Stored as JSON text through {@link JsonDocumentConverter}.
 */
public record JsonDocument(Map<String, Object> fields) {

    public static final JsonDocument EMPTY = new JsonDocument(Map.of());

    public JsonDocument {
        fields = fields == null ? Map.of() : frozen(fields);
    }

    /** The document a JSON object's text holds; blank or null text is the empty document. */
    public static JsonDocument parse(String json) {
        return new JsonDocument(JsonDocuments.read(json));
    }

    /** The document a request body's JSON object holds; an absent object (null) stays null. */
    public static JsonDocument of(JsonObject json) {
        return json == null ? null : new JsonDocument(JsonDocuments.fromJson(json));
    }

    public String toJson() {
        return JsonDocuments.write(fields);
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** This document with {@code key} set to {@code value} (added at the end when it is new). */
    public JsonDocument with(String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(key, value);
        return new JsonDocument(changed);
    }

    /** A mutable deep copy of the fields, for rules that build a new document from this one. */
    public Map<String, Object> copy() {
        return thawed(fields);
    }

    /** Whether both say the same thing: key order is ignored and numbers compare by value. */
    public boolean same(JsonDocument other) {
        return other != null && JsonDocuments.same(fields, other.fields);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> frozen(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozenValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), frozenValue(item)));
            return Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozenValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> thawed(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, thawedValue(value)));
        return copy;
    }

    private static Object thawedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), thawedValue(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(thawedValue(item)));
            return copy;
        }
        return value;
    }
}
