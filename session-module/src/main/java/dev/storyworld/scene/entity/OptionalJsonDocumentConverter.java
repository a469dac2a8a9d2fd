package dev.storyworld.scene.entity;

import dev.storyworld.common.JsonDocument;
import dev.storyworld.common.JsonDocumentConverter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores a scene's or node's meta, a {@link JsonDocument} the client may leave out, as its JSON text;
 * unlike {@code JsonDocumentConverter}, an absent meta stays SQL NULL and reads back as null, so that
 * the answer says {@code "meta": null} as it was sent.
 */
@Converter
public class OptionalJsonDocumentConverter implements AttributeConverter<JsonDocument, Object> {

    @Override
    public String convertToDatabaseColumn(JsonDocument document) {
        return document == null ? null : document.toJson();
    }

    @Override
    public JsonDocument convertToEntityAttribute(Object column) {
        String json = JsonDocumentConverter.text(column);
        return json == null ? null : JsonDocument.parse(json);
    }
}
