package dev.storyworld.scene.entity;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.Converter;

import java.io.StringReader;

/** Any JSON value of the client's (an edge's conditions and effects may be arrays, objects or scalars), exactly as parsed. */
@Converter
public class JsonValueConverter extends JsonColumnConverter<JsonValue> {

    /** Looked up once: finding the provider scans the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    String text(JsonValue value) {
        return value.toString();
    }

    @Override
    JsonValue parse(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
