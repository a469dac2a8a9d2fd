package dev.storyworld.world.control;

import dev.storyworld.common.JsonDocuments;
import dev.storyworld.world.entity.GameWorld;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A world as its owner sees it: identity, meta document and clock. */
public record WorldDetail(long id, String name, Map<String, Object> meta, double worldTime,
                          Instant lastAdvancedAt, Instant createdAt) {

    static WorldDetail of(GameWorld world) {
        return new WorldDetail(world.id(), world.name(), JsonDocuments.read(world.meta()),
                world.state().worldTime(), world.state().lastAdvancedAt().toInstant(),
                world.createdAt().toInstant());
    }

    public WorldClock clock() {
        return WorldClock.at(worldTime);
    }

    /** This detail as a document to store, from which {@link #fromDocument} gives it back exactly. */
    Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("name", name);
        document.put("meta", meta);
        // Double.toString is exact for a double, so the number reads back as the same double.
        document.put("world_time", new BigDecimal(Double.toString(worldTime)));
        document.put("last_advanced_at", lastAdvancedAt.toString());
        document.put("created_at", createdAt.toString());
        return document;
    }

    @SuppressWarnings("unchecked")
    static WorldDetail fromDocument(Map<String, Object> document) {
        return new WorldDetail(((BigDecimal) document.get("id")).longValueExact(), (String) document.get("name"),
                (Map<String, Object>) document.get("meta"), ((BigDecimal) document.get("world_time")).doubleValue(),
                Instant.parse((String) document.get("last_advanced_at")),
                Instant.parse((String) document.get("created_at")));
    }
}
