package dev.storyworld.web.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaRangesTest {

    private static final MediaRanges.MediaType JSON_UTF8 =
            new MediaRanges.MediaType("application", "json", Map.of("charset", "utf-8"));

    private static int weight(String accept) throws MediaRanges.Malformed {
        return MediaRanges.weight(MediaRanges.accept(List.of(accept)), JSON_UTF8);
    }

    @Test
    void typesAndParameterNamesAreCaseInsensitiveAndCharsetValuesToo() throws Exception {
        assertThat(weight("Application/JSON")).isEqualTo(1000);
        assertThat(weight("application/json; Charset=\"UTF-8\"")).isEqualTo(1000);
        assertThat(MediaRanges.contentType("Application/Merge-Patch+JSON ; charset=utf-8"))
                .isEqualTo(new MediaRanges.MediaType("application", "merge-patch+json", Map.of("charset", "utf-8")));
    }

    @Test
    void theMostSpecificRangeDecidesSoQZeroRefuses() throws Exception {
        assertThat(weight("application/json;q=0, */*")).isZero();
        assertThat(weight("application/*;q=0, */*;q=1")).isZero();
        assertThat(weight("*/*;q=0, application/json;q=0.5")).isEqualTo(500);
        assertThat(weight("text/html")).isZero();
        assertThat(weight("")).isEqualTo(1000);
        assertThat(weight(" , ,")).isEqualTo(1000);
    }

    @Test
    void aRangeForAnotherCharsetOrWithOtherParametersDoesNotCoverUtf8Json() throws Exception {
        assertThat(weight("application/json; charset=iso-8859-1")).isZero();
        assertThat(weight("application/json; charset=nonsense")).isZero();
        assertThat(weight("application/json; charset=iso-8859-1, */*;q=0.1")).isEqualTo(100);
        assertThat(weight("application/json; indent=2")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json;q=2", "application/json;q=0.1234", "application/json;q=-1",
            "application/json;q=1.5", "application/json;q=", "json", "application/", "*/json", "application/json x",
            "application/json;charset", "application/json;a=\"open", "application/json;q=0.5;q=1", "a/b;c=\"\u0001\""})
    void malformedAcceptIsRefused(String accept) {
        assertThatThrownBy(() -> MediaRanges.accept(List.of(accept))).isInstanceOf(MediaRanges.Malformed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "application/*", "*/*", "application/json;q=1", "application/json, text/plain", ""})
    void aContentTypeIsOneConcreteType(String contentType) {
        assertThatThrownBy(() -> MediaRanges.contentType(contentType)).isInstanceOf(MediaRanges.Malformed.class);
    }

    @Test
    void acceptCharsetWeighsUtf8ByItsOwnElementElseTheWildcard() throws Exception {
        assertThat(MediaRanges.charsetWeight(List.of("iso-8859-1"), "utf-8")).isZero();
        assertThat(MediaRanges.charsetWeight(List.of("iso-8859-1, UTF-8;q=0.1"), "utf-8")).isEqualTo(100);
        assertThat(MediaRanges.charsetWeight(List.of("*;q=0.2, utf-8;q=0"), "utf-8")).isZero();
        assertThat(MediaRanges.charsetWeight(List.of("*"), "utf-8")).isEqualTo(1000);
        assertThat(MediaRanges.charsetWeight(List.of(""), "utf-8")).isEqualTo(1000);
        assertThatThrownBy(() -> MediaRanges.charsetWeight(List.of("utf-8;level=1"), "utf-8"))
                .isInstanceOf(MediaRanges.Malformed.class);
    }
}
