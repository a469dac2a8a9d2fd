package dev.storyworld.common;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import jakarta.persistence.PersistenceException;

import java.sql.Clob;
import java.sql.SQLException;

/**
 * Stores a {@link JsonDocument} as its JSON text; a null column reads as the empty document. The
 * column's side is {@code Object}, not {@code String}: EclipseLink hands a converter the driver's
 * own value when it reads a query's select items (a PostgreSQL {@code json} column is a
 * {@code PGobject}, whose {@code toString} is its text; an H2 CLOB is a {@link Clob}), where a
 * {@code String} side would fail on its cast before this code ran.
 */
@Converter
public class JsonDocumentConverter implements AttributeConverter<JsonDocument, Object> {

    @Override
    public Object convertToDatabaseColumn(JsonDocument document) {
        return (document == null ? JsonDocument.EMPTY : document).toJson();
    }

    @Override
    public JsonDocument convertToEntityAttribute(Object column) {
        return JsonDocument.parse(text(column));
    }

    /** A JSON column's value as the driver hands it to a converter, as text; null as null. */
    public static String text(Object column) {
        if (column instanceof Clob clob) {
            try {
                return clob.getSubString(1, Math.toIntExact(clob.length()));
            } catch (SQLException e) {
                throw new PersistenceException("Reading a JSON column's text failed", e);
            }
        }
        return column == null ? null : column.toString();
    }
}
