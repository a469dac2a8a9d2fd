package dev.storyworld.web.platform;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI scanner names properties after the Java records; the API's JSON binding writes them
 * in snake_case ({@link JsonBinding}). This filter makes the document say what the wire carries.
 * Client documents (meta, flags...) mostly declare no properties; those that do (the scheduler
 * config) carry the extension {@value #CLIENT_DOCUMENT}, and their keys are left alone too.
 * Body ids bind as JSON values (so that a bad one is {@code invalid_id}); the scanner calls them
 * objects whatever their annotation says, so an {@code int64} object is put right as an integer.
 */
public class SnakeCaseSchemas implements OASFilter {

    /** Marks the schema of a document whose keys are the client's own, such as the camelCase scheduler config. */
    public static final String CLIENT_DOCUMENT = "x-client-document";

    @Override
    public Schema filterSchema(Schema schema) {
        Map<String, Schema> properties = schema.getProperties();
        boolean clientDocument = schema.getExtensions() != null && schema.getExtensions().containsKey(CLIENT_DOCUMENT);
        if (properties != null && !properties.isEmpty() && !clientDocument) {
            Map<String, Schema> renamed = new LinkedHashMap<>();
            properties.forEach((name, property) -> renamed.put(JsonBinding.jsonName(name), integerIfId(property)));
            schema.setProperties(renamed);
            List<String> required = schema.getRequired();
            if (required != null) {
                schema.setRequired(required.stream().map(JsonBinding::jsonName).toList());
            }
        }
        return schema;
    }

    private static Schema integerIfId(Schema property) {
        if (property.getType() == Schema.SchemaType.OBJECT && "int64".equals(property.getFormat())) {
            property.setType(Schema.SchemaType.INTEGER);
        }
        return property;
    }
}
