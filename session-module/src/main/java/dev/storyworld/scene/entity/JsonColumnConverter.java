package dev.storyworld.scene.entity;

import dev.storyworld.common.JsonDocumentConverter;
import jakarta.persistence.AttributeConverter;

/** Stores a client's JSON as its text, where a document the client left out stays SQL NULL and reads back as null. */
public abstract class JsonColumnConverter<T> implements AttributeConverter<T, Object> {

    @Override
    public String convertToDatabaseColumn(T value) {
        return value == null ? null : text(value);
    }

    @Override
    public T convertToEntityAttribute(Object column) {
        String json = JsonDocumentConverter.text(column);
        return json == null ? null : parse(json);
    }

    abstract String text(T value);

    abstract T parse(String json);
}
