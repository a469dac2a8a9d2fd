package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocument;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A world as its owner sees it: identity, meta document and clock. */
public record WorldDetail(long id, String name, JsonDocument meta, double worldTime,
                          Instant lastAdvancedAt, Instant createdAt) {

    /** The same world with its clock at {@code time}. */
    WorldDetail at(double time) {
        return new WorldDetail(id, name, meta, time, lastAdvancedAt, createdAt);
    }

    public WorldClock clock() {
        return WorldClock.at(worldTime);
    }

    /** This detail as a document to store, from which {@link #fromDocument} gives it back exactly. */
    JsonDocument toDocument() {
        return JsonDocument.builder()
                .put("id", id)
                .put("name", name)
                .put("meta", meta)
                // Double.toString is exact for a double, so the number reads back as the same double.
                .put("world_time", new BigDecimal(Double.toString(worldTime)))
                .put("last_advanced_at", lastAdvancedAt.toString())
                .put("created_at", createdAt.toString())
                .build();
    }

    static WorldDetail fromDocument(JsonDocument document) {
        return new WorldDetail(((BigDecimal) document.get("id")).longValueExact(), (String) document.get("name"),
                JsonDocument.of((Map<?, ?>) document.get("meta")),
                ((BigDecimal) document.get("world_time")).doubleValue(),
                Instant.parse((String) document.get("last_advanced_at")),
                Instant.parse((String) document.get("created_at")));
    }
}
