package dev.storyworld.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.sql.Clob;
import java.sql.SQLException;

/** Stores a {@link JsonDocument} as its JSON text (a {@code text} column); a null column reads as the empty document. */
@Converter
public class JsonDocumentConverter implements AttributeConverter<JsonDocument, Object> {

    @Override
    public String convertToDatabaseColumn(JsonDocument document) {
        return (document == null ? JsonDocument.EMPTY : document).toJson();
    }

    @Override
    public JsonDocument convertToEntityAttribute(Object column) {
        return JsonDocument.parse(text(column));
    }

    /**
     * A JSON column's value as text, null as null. A converter gets the driver's own object, which
     * EclipseLink turns into a String only for attributes without a converter: PostgreSQL's json
     * arrives as a PGobject (its text is its toString), H2's CLOB as a Clob.
     */
    public static String text(Object column) {
        if (column instanceof Clob clob) {
            try {
                return clob.getSubString(1, Math.toIntExact(clob.length()));
            } catch (SQLException e) {
                throw new IllegalStateException("A JSON column could not be read", e);
            }
        }
        return column == null ? null : column.toString();
    }
}
