package dev.storyworld.web.http;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a request body may hold, read off the Java type it binds to: a record is an object of fixed
 * fields (its components, in snake_case), a list holds items of one shape, a scalar field takes its
 * own JSON type only, and JSON-P objects or maps are documents that belong to the client and keep
 * any keys. JSON null fits every shape; whether a field is required is the service's rule.
 */
sealed interface BodyShape {

    /** An object whose fields are known: any other field is refused. */
    record Fixed(Map<String, BodyShape> fields) implements BodyShape {
    }

    /** A JSON array whose items all have one shape. */
    record Items(BodyShape item) implements BodyShape {
    }

    /** A single value of one JSON type; {@code DOCUMENT} and {@code ANY} hold anything inside. */
    enum Value implements BodyShape {
        TEXT("a string"),
        LONG("an integer"),
        INT("an integer of 32 bits"),
        NUMBER("a number"),
        BOOLEAN("true or false"),
        DOCUMENT("an object"),
        ANY("a JSON value");

        private final String expected;

        Value(String expected) {
            this.expected = expected;
        }

        /** Whether a number literal (at most 100 characters, so cheap to read exactly) fits. */
        boolean fitsNumber(String literal) {
            return switch (this) {
                case NUMBER, ANY -> true;
                case LONG, INT -> {
                    try {
                        long value = new BigDecimal(literal).longValueExact();
                        yield this == LONG || value == (int) value;
                    } catch (ArithmeticException notAnInteger) {
                        yield false;
                    }
                }
                default -> false;
            };
        }
    }

    /** What a value of the wrong kind is told it must be. */
    static String expected(BodyShape shape) {
        return shape instanceof Value value ? value.expected : shape instanceof Items ? "an array" : "an object";
    }

    static BodyShape of(Type type) {
        BodyShape known = Derived.SHAPES.get(type);
        if (known == null) {
            known = derive(type);
            Derived.SHAPES.put(type, known);
        }
        return known;
    }

    private static BodyShape derive(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                return new Items(of(parameterized.getActualTypeArguments()[0]));
            }
            return Map.class.isAssignableFrom(raw) ? Value.DOCUMENT : Value.ANY;
        }
        if (type instanceof GenericArrayType array) {
            return new Items(of(array.getGenericComponentType()));
        }
        if (!(type instanceof Class<?> cls)) {
            return Value.ANY;
        }
        if (cls.isArray()) {
            return new Items(of(cls.getComponentType()));
        }
        if (cls.isRecord()) {
            Map<String, BodyShape> fields = new LinkedHashMap<>();
            for (RecordComponent component : cls.getRecordComponents()) {
                fields.put(JsonBinding.jsonName(component.getName()), of(component.getGenericType()));
            }
            return new Fixed(Map.copyOf(fields));
        }
        return SCALARS.getOrDefault(cls, JsonObject.class.isAssignableFrom(cls) || Map.class.isAssignableFrom(cls)
                ? Value.DOCUMENT : Value.ANY);
    }

    Map<Class<?>, Value> SCALARS = Map.ofEntries(Map.entry(String.class, Value.TEXT),
            Map.entry(Long.class, Value.LONG), Map.entry(long.class, Value.LONG),
            Map.entry(Integer.class, Value.INT), Map.entry(int.class, Value.INT),
            Map.entry(Double.class, Value.NUMBER), Map.entry(double.class, Value.NUMBER),
            Map.entry(Boolean.class, Value.BOOLEAN), Map.entry(boolean.class, Value.BOOLEAN),
            Map.entry(JsonValue.class, Value.ANY));

    /** Shapes derived so far, by request type: derived once, read on every request. */
    final class Derived {
        private static final Map<Type, BodyShape> SHAPES = new ConcurrentHashMap<>();

        private Derived() {
        }
    }
}
