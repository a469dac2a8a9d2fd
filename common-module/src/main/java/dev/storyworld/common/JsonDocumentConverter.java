package dev.storyworld.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link JsonDocument} as its JSON text (a {@code text} column); a null column reads as the empty document. */
@Converter
public class JsonDocumentConverter implements AttributeConverter<JsonDocument, String> {

    @Override
    public String convertToDatabaseColumn(JsonDocument document) {
        return (document == null ? JsonDocument.EMPTY : document).toJson();
    }

    @Override
    public JsonDocument convertToEntityAttribute(String json) {
        return JsonDocument.parse(json);
    }
}
