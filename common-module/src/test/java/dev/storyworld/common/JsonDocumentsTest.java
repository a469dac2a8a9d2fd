package dev.storyworld.common;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDocumentsTest {

    @Test
    void documentsRoundTripWithTheirKeyOrder() {
        String json = "{\"z\":1,\"a\":{\"y\":[true,null,2.50,\"s\"],\"b\":{}},\"camelCase\":-0.5}";
        Map<String, Object> document = JsonDocuments.read(json);
        assertThat(document.keySet()).containsExactly("z", "a", "camelCase");
        assertThat(JsonDocuments.write(document)).isEqualTo(json);
    }

    @Test
    void sameIgnoresKeyOrderAndNumberScale() {
        assertThat(JsonDocuments.same(JsonDocuments.read("{\"a\":1,\"b\":[1.0,{\"c\":2}]}"),
                JsonDocuments.read("{\"b\":[1,{\"c\":2.00}],\"a\":1.0}"))).isTrue();
        assertThat(JsonDocuments.same(Map.of("a", 1), Map.of("a", 1.5))).isFalse();
        assertThat(JsonDocuments.same(Map.of("a", List.of(1, 2)), Map.of("a", List.of(2, 1)))).isFalse();
        assertThat(JsonDocuments.same(Map.of("a", 1), Map.of("a", 1, "b", 2))).isFalse();
        assertThat(JsonDocuments.same(Map.of("a", "1"), Map.of("a", 1))).isFalse();
    }
}
