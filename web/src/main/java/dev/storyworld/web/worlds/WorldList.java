package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldPage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(name = "WorldList")
public record WorldList(
        @Schema(description = "The caller's worlds by id ascending") List<WorldPage.Summary> worlds,
        @Schema(description = "How many worlds the caller has in all") long total,
        @Schema(description = "The offset of this page; null when it was asked for by cursor", nullable = true)
        Integer offset,
        @Schema(description = "The page size: the requested limit clamped to 1..1000") int limit,
        @Schema(description = "Opaque cursor of the next page, signed for this caller and this list; pass it as"
                + " `cursor` instead of `offset`. Null on the last page", nullable = true)
        String nextCursor) {
}
