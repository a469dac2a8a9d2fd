package dev.storyworld.common;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import org.junit.jupiter.api.Test;

import javax.sql.rowset.serial.SerialClob;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonDocumentTest {

    private final JsonDocumentConverter converter = new JsonDocumentConverter();

    @Test
    void keepsTheClientsKeyOrderThroughTheColumn() {
        String json = "{\"z\":1,\"a\":{\"y\":[true,null,\"s\"],\"b\":2.50}}";
        JsonDocument document = converter.convertToEntityAttribute(json);
        assertThat(document.fields().keySet()).containsExactly("z", "a");
        assertThat(converter.convertToDatabaseColumn(document)).isEqualTo(json);
    }

    /** What the drivers give for the column: PostgreSQL's json object (its toString is the text) and H2's CLOB. */
    @Test
    void readsTheDriversOwnValueOfTheColumn() throws Exception {
        String json = "{\"z\":1,\"a\":[2.50]}";
        Object pgObject = new Object() {
            @Override
            public String toString() {
                return json;
            }
        };
        assertThat(converter.convertToEntityAttribute(pgObject).toJson()).isEqualTo(json);
        assertThat(converter.convertToEntityAttribute(new SerialClob(json.toCharArray())).toJson()).isEqualTo(json);
    }

    @Test
    void aNullColumnOrNullDocumentIsTheEmptyObject() {
        assertThat(converter.convertToEntityAttribute(null)).isEqualTo(JsonDocument.EMPTY);
        assertThat(converter.convertToDatabaseColumn(null)).isEqualTo("{}");
        assertThat(new JsonDocument(null).fields()).isEmpty();
    }

    @Test
    void isReadOnlyAllTheWayDownAndNeverSharesTheCallersMaps() {
        List<Object> list = new ArrayList<>(List.of(BigDecimal.ONE));
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("list", list));
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("nested", nested));
        JsonDocument document = new JsonDocument(fields);

        list.add(BigDecimal.TEN);
        nested.put("late", true);
        fields.put("late", true);

        assertThat(document.toJson()).isEqualTo("{\"nested\":{\"list\":[1]}}");
        assertThatThrownBy(() -> document.fields().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) document.get("nested");
        assertThatThrownBy(() -> inner.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void changesMakeANewDocument() {
        JsonDocument document = JsonDocument.parse("{\"a\":{\"b\":1}}");
        JsonDocument changed = document.with("c", "x").with("a", JsonDocument.EMPTY);
        assertThat(document.toJson()).isEqualTo("{\"a\":{\"b\":1}}");
        assertThat(changed.toJson()).isEqualTo("{\"a\":{},\"c\":\"x\"}");
    }

    @Test
    void buildsInCallOrderWithNestedDocumentsAndMaps() {
        JsonDocument inner = JsonDocument.of(Map.of(1, "one"));
        JsonDocument document = JsonDocument.builder().put("z", inner).put("a", null).put("gone", true)
                .put("n", 2.5).put("z", inner.with("2", List.of(3L))).remove("gone").build();
        assertThat(document.toJson()).isEqualTo("{\"z\":{\"1\":\"one\",\"2\":[3]},\"a\":null,\"n\":2.5}");
        assertThat(JsonDocument.builder().putAll(document).build()).isEqualTo(document);
    }

    /** JSON-B's writer of a document: the object itself, keys as the client wrote them, nulls explicit. */
    @Test
    void writesThroughAJsonGeneratorAsTheObjectItself() {
        JsonDocument document = JsonDocument.parse(
                "{\"camelCase\":{\"snake_case\":[1.50,null,\"\\u00e9\\\"\"]},\"big\":1E+400,\"t\":true,\"n\":null}");
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JsonProvider.provider().createGenerator(out)) {
            new JsonDocument.Writer().serialize(document, generator, null);
        }
        assertThat(out.toString())
                .isEqualTo("{\"camelCase\":{\"snake_case\":[1.50,null,\"\u00e9\\\"\"]},\"big\":1E+400,\"t\":true,\"n\":null}")
                .isEqualTo(document.toJson());
    }

    @Test
    void sameIgnoresKeyOrderAndNumberScale() {
        assertThat(JsonDocument.parse("{\"a\":1,\"b\":[1.0]}").same(JsonDocument.parse("{\"b\":[1.00],\"a\":1}")))
                .isTrue();
        assertThat(JsonDocument.parse("{\"a\":1}").same(JsonDocument.parse("{\"a\":2}"))).isFalse();
        assertThat(JsonDocument.EMPTY.same(null)).isFalse();
    }
}
