package dev.storyworld.web.http;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorsTest {

    private final Cursors cursors = new Cursors("test-secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void aCursorResumesWhereItWasIssued() {
        String cursor = cursors.issue(7, "worlds", 123);
        assertThat(cursors.resume(7, "worlds", cursor)).isEqualTo(123);
    }

    @Test
    void aCursorIsBoundToItsCallerItsQueryAndItsKey() {
        String cursor = cursors.issue(7, "worlds", 123);
        assertRefused(() -> cursors.resume(8, "worlds", cursor));
        assertRefused(() -> cursors.resume(7, "sessions", cursor));
        assertRefused(() -> new Cursors("other".getBytes(StandardCharsets.UTF_8)).resume(7, "worlds", cursor));
    }

    @Test
    void tamperedAndMalformedCursorsAreRefused() {
        String cursor = cursors.issue(7, "worlds", 123);
        String otherPosition = cursors.issue(7, "worlds", 999);
        String spliced = otherPosition.substring(0, otherPosition.indexOf('.')) + cursor.substring(cursor.indexOf('.'));
        for (String bad : new String[]{spliced, "", ".", "abc", "abc.def", "%%%.***", cursor + "x", "." + cursor}) {
            assertRefused(() -> cursors.resume(7, "worlds", bad));
        }
    }

    private static void assertRefused(Runnable resume) {
        assertThatThrownBy(resume::run)
                .isInstanceOfSatisfying(StoryworldException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_CURSOR));
    }
}
