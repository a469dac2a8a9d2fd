package dev.storyworld.web.http;

import dev.storyworld.common.JsonDocument;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import java.io.StringReader;
import java.util.Locale;
import java.util.Map;

/**
 * The API's field names are snake_case and its nulls are explicit ({@code "next_cursor": null}).
 * Map keys are not properties, so client documents keep their own keys. Bodies reach the binding
 * only once {@link BodyPolicy} has checked every field's JSON type, which Yasson itself would coerce.
 */
@Provider
public class JsonBinding implements ContextResolver<Jsonb> {

    /** Looked up once: finding the provider scans the class path on every call. */
    public static final JsonProvider JSON = JsonProvider.provider();

    /** Built at first use, so that the pure helpers of this class work without a JSON-B provider. */
    private static final class Binder {
        static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
                .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
                .withNullValues(true)
                // JsonDocument's own annotation is ignored for elements of collections; registered, it holds everywhere.
                .withSerializers(new JsonDocument.Writer()));
    }

    /** An API object as a JSON-P value, written exactly as a response body would be. */
    public static JsonValue toJsonValue(Object value) {
        try (JsonReader reader = JSON.createReader(new StringReader(Binder.JSONB.toJson(value)))) {
            return reader.readValue();
        }
    }


    /** The JSON name of a Java property or parameter, as the binding above writes it. */
    public static String jsonName(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return Binder.JSONB;
    }
}
