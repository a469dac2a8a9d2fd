package dev.storyworld.common;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Converts the client-owned JSON documents (world meta, session flags and relationships) between
 * their stored text and the generic values the rules work on: ordered maps, lists, BigDecimal,
 * String, Boolean and null. Keys and their order are kept exactly as the client wrote them.
 */
public final class JsonDocuments {

    /** Looked up once: finding the provider scans the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonDocuments() {
    }

    public static String write(Map<String, ?> document) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            write(document == null ? Map.of() : document, generator);
        }
        return text.toString();
    }

    public static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return fromJson(reader.readObject());
        }
    }

    public static Map<String, Object> fromJson(JsonObject object) {
        Map<String, Object> map = new LinkedHashMap<>();
        object.forEach((key, value) -> map.put(key, fromJson(value)));
        return map;
    }

    private static Object fromJson(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> fromJson(value.asJsonObject());
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                value.asJsonArray().forEach(item -> list.add(fromJson(item)));
                yield list;
            }
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case STRING -> ((JsonString) value).getString();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    /**
     * Writes a generic value with the generator: a map as an object (keys as strings), any other
     * collection as an array, numbers as numbers (a double as {@link BigDecimal#valueOf(double)}, as
     * JSON-P's {@code createValue(double)} writes it), anything else as its string.
     */
    public static void write(Object value, JsonGenerator generator) {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            map.forEach((key, item) -> {
                generator.writeKey(String.valueOf(key));
                write(item, generator);
            });
            generator.writeEnd();
        } else if (value instanceof Collection<?> list) {
            generator.writeStartArray();
            list.forEach(item -> write(item, generator));
            generator.writeEnd();
        } else if (value instanceof String text) {
            generator.write(text);
        } else if (value instanceof BigDecimal number) {
            generator.write(number);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.write(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
            generator.write(number);
        } else if (value instanceof Number number) {
            generator.write(BigDecimal.valueOf(number.doubleValue()));
        } else if (value instanceof Boolean bool) {
            generator.write(bool);
        } else {
            generator.write(value.toString());
        }
    }

    /**
     * Whether two documents say the same thing: key order is ignored and numbers compare by value,
     * so {@code 1}, {@code 1.0} and {@code 1.00} are one number.
     */
    public static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.size() == y.size() && x.entrySet().stream()
                    .allMatch(e -> y.containsKey(e.getKey()) && same(e.getValue(), y.get(e.getKey())));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!same(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
