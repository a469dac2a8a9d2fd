package dev.storyworld.client;

import dev.storyworld.client.EventStreamParser.ServerSentEvent;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The event stream interpretation of the HTML standard, fed in chunks that split lines, line ends and characters. */
class EventStreamParserTest {

    private final List<ServerSentEvent> events = new ArrayList<>();
    private final List<Duration> retries = new ArrayList<>();

    /** Feeds {@code text} to a new parser (one connection), split after every {@code size} bytes. */
    private List<ServerSentEvent> feed(String text, int size) {
        EventStreamParser parser = new EventStreamParser(new EventStreamParser.Sink() {
            @Override
            public void event(ServerSentEvent event) {
                events.add(event);
            }

            @Override
            public void retry(Duration reconnectionTime) {
                retries.add(reconnectionTime);
            }
        });
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += size) {
            parser.feed(ByteBuffer.wrap(bytes, at, Math.min(size, bytes.length - at)).slice());
        }
        return events;
    }

    @Test
    void fieldsCommentsAndMultiLineDataInEveryChunking() {
        String stream = "\uFEFF: a comment, then a heartbeat\n:\n"
                + "id: 7\nevent: advance\ndata: {\"a\":1,\ndata:  \"b\":2}\n\n"
                + "data\ndata:x\n\n"
                + "event: ignored without data\nid: 8\n\n"
                + "data: after\n\n";
        for (int size = 1; size <= stream.length(); size++) {
            events.clear();
            assertThat(feed(stream, size)).as("chunks of %d bytes", size).containsExactly(
                    new ServerSentEvent("advance", "{\"a\":1,\n \"b\":2}", "7"),
                    new ServerSentEvent("message", "\nx", "7"),
                    new ServerSentEvent("message", "after", "8"));
        }
    }

    @Test
    void linesEndWithCrLfLfOrCrAlsoWhenAChunkEndsBetweenCrAndLf() {
        feed("data: one\r\n\r\ndata: two\n\ndata: three\r\rdata: four\r\n\r\n", 1);
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("one", "two", "three", "four");
    }

    @Test
    void aCharacterSplitAcrossChunksDecodesWhole() {
        feed("data: Ünïcødé ✓ 🐟\n\n", 1);
        assertThat(events).extracting(ServerSentEvent::data).containsExactly("Ünïcødé ✓ 🐟");
    }

    @Test
    void anEventCutOffBeforeItsBlankLineIsNeverDispatched() {
        feed("id: 1\ndata: whole\n\nid: 2\ndata: cut off", 5);
        assertThat(events).containsExactly(new ServerSentEvent("message", "whole", "1"));
    }

    @Test
    void retryTakesDigitsOnlyAndAnIdWithNullIsIgnored() {
        feed("retry: 2500\nretry: 1.5\nretry: soon\nid: 3\nid: bad\0id\ndata: x\n\n", 3);
        assertThat(retries).containsExactly(Duration.ofMillis(2500));
        assertThat(events).containsExactly(new ServerSentEvent("message", "x", "3"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDroppedAndUnknownFieldsAreIgnored() {
        feed("colour: blue\nevent:  spaced\ndata:   three spaces\n\n", 4);
        assertThat(events).containsExactly(new ServerSentEvent(" spaced", "  three spaces", ""));
    }
}
