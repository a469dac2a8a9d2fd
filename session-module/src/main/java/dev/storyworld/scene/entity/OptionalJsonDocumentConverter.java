package dev.storyworld.scene.entity;

import dev.storyworld.common.JsonDocument;
import jakarta.persistence.Converter;

/**
 * A scene's or node's meta, a {@link JsonDocument} the client may leave out: unlike
 * {@code JsonDocumentConverter}, an absent meta stays null, so the answer says {@code "meta": null} as sent.
 */
@Converter
public class OptionalJsonDocumentConverter extends JsonColumnConverter<JsonDocument> {

    @Override
    String text(JsonDocument document) {
        return document.toJson();
    }

    @Override
    JsonDocument parse(String json) {
        return JsonDocument.parse(json);
    }
}
