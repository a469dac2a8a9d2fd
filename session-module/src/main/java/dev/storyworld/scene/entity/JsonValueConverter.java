package dev.storyworld.scene.entity;

import dev.storyworld.common.JsonDocumentConverter;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;

/**
 * Stores any JSON value of the client's (an edge's conditions and effects may be arrays, objects or
 * scalars) as its text, exactly as parsed; no value is SQL NULL and back.
 */
@Converter
public class JsonValueConverter implements AttributeConverter<JsonValue, Object> {

    /** Looked up once: finding the provider scans the class path on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Override
    public String convertToDatabaseColumn(JsonValue value) {
        return value == null ? null : value.toString();
    }

    @Override
    public JsonValue convertToEntityAttribute(Object column) {
        String json = JsonDocumentConverter.text(column);
        if (json == null) {
            return null;
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
