package dev.storyworld.common;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

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
 * changed behind its holder's back. The one type of a JSON object in every module's signatures:
 * stored as JSON text through {@link JsonDocumentConverter}, answered by JSON-B as the object itself
 * ({@link Writer}: its keys are the client's, not properties that a naming strategy would rename).
 */
@JsonbTypeSerializer(JsonDocument.Writer.class)
public record JsonDocument(Map<String, Object> fields) {

    public static final JsonDocument EMPTY = new JsonDocument(Map.of());

    /** A document given as a value of another document is nested as its fields (already frozen, so not copied). */
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

    /** The document an object value of a document holds (its keys as strings). */
    public static JsonDocument of(Map<?, ?> object) {
        Builder document = builder();
        object.forEach((key, value) -> document.put(String.valueOf(key), value));
        return document.build();
    }

    public static Builder builder() {
        return new Builder();
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
        return builder().putAll(this).put(key, value).build();
    }

    /** Whether both say the same thing: key order is ignored and numbers compare by value. */
    public boolean same(JsonDocument other) {
        return other != null && JsonDocuments.same(fields, other.fields);
    }

    /** A new document field by field, in the order of the calls. */
    public static final class Builder {

        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets {@code key}; a key set again keeps its place. */
        public Builder put(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        public Builder putAll(JsonDocument document) {
            fields.putAll(document.fields);
            return this;
        }

        public Builder remove(String key) {
            fields.remove(key);
            return this;
        }

        public JsonDocument build() {
            return new JsonDocument(fields);
        }
    }

    /** Writes a document as JSON-B would write its fields as a map, keys as they are, nulls explicit. */
    public static final class Writer implements JsonbSerializer<JsonDocument> {

        @Override
        public void serialize(JsonDocument document, JsonGenerator generator, SerializationContext context) {
            JsonDocuments.write(document.fields, generator);
        }
    }

    private static Map<String, Object> frozen(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), frozenValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object frozenValue(Object value) {
        if (value instanceof JsonDocument document) {
            return document.fields;
        }
        if (value instanceof Map<?, ?> map) {
            return frozen(map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(frozenValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
