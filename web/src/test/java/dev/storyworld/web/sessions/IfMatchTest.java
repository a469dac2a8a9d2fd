package dev.storyworld.web.sessions;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.session.control.VersionMatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IfMatchTest {

    private static VersionMatch parse(String... headers) {
        return IfMatch.parse(List.of(headers));
    }

    @Test
    void absentOrStarMatchesAnyVersion() {
        assertThat(IfMatch.parse(null)).isEqualTo(VersionMatch.ANY);
        assertThat(IfMatch.parse(List.of())).isEqualTo(VersionMatch.ANY);
        assertThat(parse(" * ").matches(42)).isTrue();
    }

    @Test
    void aListMatchesAnyOfItsVersions() {
        assertThat(parse("\"3\"").versions()).containsExactly(3L);
        assertThat(parse("\"3\", \"5\",\"8\"").versions()).isEqualTo(Set.of(3L, 5L, 8L));
        assertThat(parse("\"3\"", "\"4\"").versions()).isEqualTo(Set.of(3L, 4L));
        assertThat(parse(", \"7\" ,,").versions()).containsExactly(7L);
    }

    @Test
    void weakAndForeignTagsAreWellFormedButNeverMatch() {
        VersionMatch match = parse("W/\"3\", \"abc\", \"03\", \"\", \"0\"");
        assertThat(match.versions()).isEmpty();
        assertThat(match.matches(3)).isFalse();
        assertThat(parse("\"9223372036854775807\"").versions()).containsExactly(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"9223372036854775808\"", "\"9999999999999999999\"", "\"99999999999999999999\"",
            "\"1\", W/\"123456789012345678901234567890\"", "\"00009223372036854775808\""})
    void versionTagsBeyondALongAreRefusedNotCompared(String header) {
        assertThatThrownBy(() -> parse(header)).isInstanceOfSatisfying(StoryworldException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"3", "3\"", "\"3\" \"4\"", "*, \"3\"", "w/\"3\"", ",", "", " ", "\"a\"b\"",
            "\"3\";x", "\"tab\there\""})
    void anythingElseIsMalformed(String header) {
        assertThatThrownBy(() -> parse(header))
                .isInstanceOfSatisfying(StoryworldException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void theBodyVersionMustAgreeWithTheHeader() {
        assertThat(VersionMatch.of(4L, parse("\"3\", \"4\"")).versions()).containsExactly(4L);
        assertThat(VersionMatch.of(4L, VersionMatch.ANY).versions()).containsExactly(4L);
        assertThat(VersionMatch.of(null, parse("\"3\"")).versions()).containsExactly(3L);
        assertThatThrownBy(() -> VersionMatch.of(5L, parse("\"3\", \"4\""))).isInstanceOf(StoryworldException.class);
        assertThatThrownBy(() -> VersionMatch.of(0L, VersionMatch.ANY)).isInstanceOf(StoryworldException.class);
    }
}
