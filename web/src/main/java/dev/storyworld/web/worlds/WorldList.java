package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldPage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "WorldList")
public record WorldList(List<WorldPage.Summary> worlds, long total, int offset, int limit,
                        @Schema(description = "Opaque cursor of the next page; null on the last page") String nextCursor) {

    static WorldList of(WorldPage page) {
        return new WorldList(page.worlds(), page.total(), page.offset(), page.limit(), null);
    }
}
