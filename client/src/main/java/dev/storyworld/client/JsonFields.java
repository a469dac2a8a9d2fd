package dev.storyworld.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Reading answer fields that may be absent or null, and writing request bodies that leave out nulls. */
final class JsonFields {

    /** Looked up once: {@code Json.create...} searches the class path for a provider on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private JsonFields() {
    }

    static JsonObject parse(String text) {
        try (var reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    static boolean present(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value != null && value.getValueType() != JsonValue.ValueType.NULL;
    }

    static Long optLong(JsonObject json, String name) {
        return present(json, name) ? json.getJsonNumber(name).longValueExact() : null;
    }

    static Integer optInt(JsonObject json, String name) {
        return present(json, name) ? json.getJsonNumber(name).intValueExact() : null;
    }

    static Double optDouble(JsonObject json, String name) {
        return present(json, name) ? json.getJsonNumber(name).doubleValue() : null;
    }

    static String optString(JsonObject json, String name) {
        return present(json, name) ? json.getString(name) : null;
    }

    static Instant optInstant(JsonObject json, String name) {
        return present(json, name) ? Instant.parse(json.getString(name)) : null;
    }

    /** A client document: an absent or null one reads as empty, so callers never test for null. */
    static JsonObject document(JsonObject json, String name) {
        return present(json, name) ? json.getJsonObject(name) : JsonValue.EMPTY_JSON_OBJECT;
    }

    static JsonValue value(JsonObject json, String name) {
        return json.getOrDefault(name, JsonValue.NULL);
    }

    static <T> List<T> list(JsonObject json, String name, Function<JsonObject, T> element) {
        JsonArray array = present(json, name) ? json.getJsonArray(name) : JsonValue.EMPTY_JSON_ARRAY;
        return array.getValuesAs(JsonObject.class).stream().map(element).toList();
    }

    static boolean bool(JsonObject json, String name) {
        return present(json, name) && json.getBoolean(name);
    }

    /** A request body builder that skips null values, since the API refuses {@code null} for most fields. */
    static final class Body {
        private final JsonObjectBuilder json = JSON.createObjectBuilder();

        Body put(String name, Object value) {
            if (value instanceof JsonValue v) {
                json.add(name, v);
            } else if (value instanceof String s) {
                json.add(name, s);
            } else if (value instanceof Long l) {
                json.add(name, l);
            } else if (value instanceof Integer i) {
                json.add(name, i);
            } else if (value instanceof Double d) {
                json.add(name, d);
            } else if (value instanceof Boolean b) {
                json.add(name, b);
            } else if (value != null) {
                throw new IllegalArgumentException("not a JSON value: " + value.getClass());
            }
            return this;
        }

        JsonObject build() {
            return json.build();
        }
    }
}
