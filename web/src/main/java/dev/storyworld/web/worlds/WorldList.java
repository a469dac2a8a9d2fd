package dev.storyworld.web.worlds;

import dev.storyworld.world.control.WorldPage;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/*
 * No @Schema on offset: Payara's OpenAPI scanner takes any annotated method whose name contains
 * "set" for a setter and fails on offset(), losing the whole document. Its description is above.
 */
@Schema(name = "WorldList", description = "One page of the caller's worlds. offset is the offset of this page, or null"
        + " when the page was asked for by cursor")
public record WorldList(
        @Schema(description = "The caller's worlds by id ascending") List<WorldPage.Summary> worlds,
        @Schema(description = "How many worlds the caller has in all") long total,
        Integer offset,
        @Schema(description = "The page size: the requested limit clamped to 1..1000") int limit,
        @Schema(description = "Opaque cursor of the next page, signed for this caller and this list; pass it as"
                + " `cursor` instead of `offset`. Null on the last page", nullable = true)
        String nextCursor) {
}
