package dev.storyworld.web.platform;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;

import java.lang.reflect.Type;
import java.util.OptionalLong;

/**
 * Scalar fields of request bodies take their own JSON type only: text fields JSON strings, number
 * fields JSON numbers, integer fields only integers in range. Left to itself the binding reads
 * {@code 7} into a text field as "7", {@code "7"} as 7, cuts {@code 1.5} to 1 and wraps {@code 1e30}
 * around to a negative long; a {@link JsonbException} here becomes a 400.
 */
final class StrictScalars {

    private StrictScalars() {
    }

    static final class Strings implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            throw new JsonbException("expected a string, not " + value.getValueType());
        }
    }

    static final class Longs implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonNumber number = number(parser.getValue());
            return number == null ? null : exact(number, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }

    static final class Integers implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonNumber number = number(parser.getValue());
            return number == null ? null : (int) exact(number, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    static final class Doubles implements JsonbDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonNumber number = number(parser.getValue());
            return number == null ? null : number.doubleValue();
        }
    }

    /** The value as a number; null for JSON null; anything else is refused. */
    private static JsonNumber number(JsonValue value) {
        if (value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonNumber number) {
            return number;
        }
        throw new JsonbException("expected a number, not " + value.getValueType());
    }

    private static long exact(JsonNumber number, long min, long max) {
        OptionalLong value = exactLong(number);
        if (value.isEmpty() || value.getAsLong() < min || value.getAsLong() > max) {
            throw new JsonbException("expected an integer in range, not " + number);
        }
        return value.getAsLong();
    }

    /** The number as a long when it is an integer that fits one (1.0 does, 1.5 and 1e30 do not). */
    static OptionalLong exactLong(JsonNumber number) {
        try {
            return OptionalLong.of(number.bigDecimalValue().longValueExact());
        } catch (ArithmeticException notALong) {
            return OptionalLong.empty();
        }
    }
}
