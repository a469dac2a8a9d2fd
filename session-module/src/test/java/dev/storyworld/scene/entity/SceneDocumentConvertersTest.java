package dev.storyworld.scene.entity;

import dev.storyworld.common.JsonDocument;
import org.junit.jupiter.api.Test;

import javax.sql.rowset.serial.SerialClob;
import java.math.BigDecimal;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class SceneDocumentConvertersTest {

    private final JsonValueConverter values = new JsonValueConverter();
    private final OptionalJsonDocumentConverter documents = new OptionalJsonDocumentConverter();

    @Test
    void anyJsonValueIsStoredAsWrittenAndReadBack() {
        for (String json : new String[] {"[{\"key\":\"k\",\"op\":\"eq\",\"value\":1.50}]", "{\"gold\":5,\"b\":1E+2}",
                "\"text\"", "7", "true", "null"}) {
            assertThat(values.convertToDatabaseColumn(values.convertToEntityAttribute(json))).isEqualTo(json);
        }
    }

    @Test
    void noValueIsSqlNull() {
        assertThat(values.convertToDatabaseColumn(null)).isNull();
        assertThat(values.convertToEntityAttribute(null)).isNull();
    }

    @Test
    void anAbsentMetaStaysNullAndAnEmptyOneEmpty() {
        assertThat(documents.convertToDatabaseColumn(null)).isNull();
        assertThat(documents.convertToEntityAttribute(null)).isNull();
        assertThat(documents.convertToEntityAttribute("{}")).isEqualTo(JsonDocument.EMPTY);
    }

    @Test
    void aMetaKeepsItsKeyOrderAndNumbers() {
        JsonDocument meta = documents.convertToEntityAttribute("{\"z\":1.50,\"a\":{\"y\":[1,2]},\"m\":null}");
        assertThat(meta.fields().keySet()).containsExactly("z", "a", "m");
        assertThat(meta.get("z")).isEqualTo(new BigDecimal("1.50"));
        assertThat(documents.convertToDatabaseColumn(meta)).isEqualTo("{\"z\":1.50,\"a\":{\"y\":[1,2]},\"m\":null}");
    }

    @Test
    void columnsAreReadAsTheDriversHandThem() throws SQLException {
        Object postgresJson = new Object() {
            @Override
            public String toString() {
                return "{\"a\":[1]}";
            }
        };
        assertThat(documents.convertToEntityAttribute(postgresJson).toJson()).isEqualTo("{\"a\":[1]}");
        assertThat(values.convertToEntityAttribute(new SerialClob("[1,2]".toCharArray())).toString()).isEqualTo("[1,2]");
    }
}
