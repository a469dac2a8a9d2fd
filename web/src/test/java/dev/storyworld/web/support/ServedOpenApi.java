package dev.storyworld.web.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What each Payara line does to the committed OpenAPI document (docs/openapi.yaml) when it serves
 * it at {@code /openapi}, found by comparing the two (pitfalls.md), so that a test can compare the
 * served document with the committed one and fail on anything else.
 */
public final class ServedOpenApi {

    private ServedOpenApi() {
    }

    /**
     * Payara 7 (the MicroProfile OpenAPI 4 model, OpenAPI 3.1) keeps the schema keywords its model
     * does not know, such as OpenAPI 3.0's {@code nullable}, in a generic map, and writes that map
     * twice: as the keywords themselves and as a property {@code all} of the schema. This removes an
     * {@code all} map whose every entry stands beside it with the same value; any other {@code all} stays.
     */
    public static Object withoutPayara7Echo(Object served) {
        return eachMap(served, map -> {
            if (map.get("all") instanceof Map<?, ?> all && !all.isEmpty()
                    && all.entrySet().stream().allMatch(e -> e.getValue().equals(map.get(e.getKey())))) {
                map.remove("all");
            }
        });
    }

    /**
     * The committed document as Payara 6 serves it: its model holds {@code additionalProperties} as
     * a boolean or a schema it recognises, and drops one given as a schema with neither a type nor a
     * reference ({@code {}}, any property allowed, the default anyway; {@code {not: {}}}, none allowed,
     * which Payara 7 needs in place of {@code false}, see pitfalls.md).
     */
    public static Object asPayara6Serves(Object committed) {
        return eachMap(committed, map -> {
            if (map.get("additionalProperties") instanceof Map<?, ?> schema
                    && !schema.containsKey("type") && !schema.containsKey("$ref")) {
                map.remove("additionalProperties");
            }
        });
    }

    /** A copy of a YAML tree in which {@code change} has been applied to every map, inner ones first. */
    private static Object eachMap(Object node, Consumer<Map<Object, Object>> change) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, eachMap(value, change)));
            change.accept(copy);
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(eachMap(item, change)));
            return copy;
        }
        return node;
    }
}
