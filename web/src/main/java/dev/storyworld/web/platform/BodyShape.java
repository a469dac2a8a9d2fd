package dev.storyworld.web.platform;

import jakarta.json.JsonValue;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a request body may hold, read off the Java type it binds to: a record is an object of fixed
 * fields (its components, in snake_case), a list holds elements of one shape, and JSON-P values or
 * maps are documents that belong to the client and keep any keys.
 */
sealed interface BodyShape {

    /** An object whose fields are known: any other field is refused. */
    record Fixed(Map<String, BodyShape> fields) implements BodyShape {
    }

    /** A JSON array whose items all have one shape. */
    record Items(BodyShape item) implements BodyShape {
    }

    /** A client document, or a field the binding will check for its own type. */
    enum Open implements BodyShape { ANY }

    Map<Type, BodyShape> KNOWN = new ConcurrentHashMap<>();

    static BodyShape of(Type type) {
        BodyShape known = KNOWN.get(type);
        if (known == null) {
            known = derive(type);
            KNOWN.put(type, known);
        }
        return known;
    }

    private static BodyShape derive(Type type) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
            return new Items(of(parameterized.getActualTypeArguments()[0]));
        }
        if (type instanceof GenericArrayType array) {
            return new Items(of(array.getGenericComponentType()));
        }
        if (type instanceof Class<?> cls && cls.isArray()) {
            return new Items(of(cls.getComponentType()));
        }
        if (type instanceof Class<?> cls && cls.isRecord() && !JsonValue.class.isAssignableFrom(cls)) {
            Map<String, BodyShape> fields = new LinkedHashMap<>();
            for (RecordComponent component : cls.getRecordComponents()) {
                fields.put(JsonBinding.jsonName(component.getName()), of(component.getGenericType()));
            }
            return new Fixed(Map.copyOf(fields));
        }
        return Open.ANY;
    }
}
