package dev.storyworld.web.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * Request bodies as JSON values: {@code object("name", "W", "meta", object("lore", array(1, 2.5, null)))}.
 * Java values map to their JSON kind (strings, numbers, booleans, null, JSON values, lists, maps).
 * Bodies that are deliberately not what JSON-P would write (malformed, duplicate keys, number texts
 * no double holds) stay strings where a test sends them.
 */
public final class JsonValues {

    private JsonValues() {
    }

    /** An object of names and values, alternating; a name repeated is a mistake of the test. */
    public static JsonObject object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must alternate");
        }
        JsonObjectBuilder object = Json.createObjectBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.add((String) namesAndValues[i], value(namesAndValues[i + 1]));
        }
        return object.build();
    }

    public static JsonArray array(Object... values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (Object value : values) {
            array.add(value(value));
        }
        return array.build();
    }

    public static JsonValue value(Object value) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof JsonValue json) {
            return json;
        } else if (value instanceof String text) {
            return Json.createValue(text);
        } else if (value instanceof Boolean bool) {
            return bool ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return Json.createValue(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            return Json.createValue(((Number) value).doubleValue());
        } else if (value instanceof BigDecimal decimal) {
            return Json.createValue(decimal);
        } else if (value instanceof BigInteger integer) {
            return Json.createValue(integer);
        } else if (value instanceof Collection<?> values) {
            return array(values.toArray());
        } else if (value instanceof Map<?, ?> map) {
            JsonObjectBuilder object = Json.createObjectBuilder();
            map.forEach((name, member) -> object.add((String) name, value(member)));
            return object.build();
        }
        throw new IllegalArgumentException("no JSON kind for " + value.getClass());
    }
}
