package dev.storyworld.client;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a {@code text/event-stream} as its bytes arrive, by the HTML standard's "event stream
 * interpretation": lines end with CRLF, LF or CR (also when a chunk ends between CR and LF); a line
 * starting with a colon is a comment; {@code data} lines join with LF; one space after the colon is
 * dropped; an {@code id} holding NULL and a {@code retry} that is not all digits are ignored; a blank
 * line dispatches the event, and an event without data is not dispatched; an event cut off before its
 * blank line is never dispatched. Lines are split on bytes (CR and LF never occur inside a UTF-8
 * sequence), so a character split across chunks decodes whole. One parser reads one connection.
 */
final class EventStreamParser {

    /** One dispatched event: its type ({@code message} when the stream named none), data and last event id. */
    record ServerSentEvent(String type, String data, String lastEventId) {
    }

    /** What the stream says, in order. */
    interface Sink {
        void event(ServerSentEvent event);

        /** The stream's {@code retry} field: the reconnection time it asks for. */
        void retry(Duration reconnectionTime);
    }

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Sink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    /** The previous line ended with CR: an LF at once after it ends nothing more. */
    private boolean afterCarriageReturn;
    private boolean firstLine = true;
    private final StringBuilder data = new StringBuilder();
    private String type = "";
    /** Kept across events, as the standard says: an event without an id field has the previous one. */
    private String lastEventId = "";

    EventStreamParser(Sink sink) {
        this.sink = sink;
    }

    void feed(ByteBuffer bytes) {
        while (bytes.hasRemaining()) {
            int start = bytes.position();
            int end = start;
            while (end < bytes.limit() && bytes.get(end) != '\r' && bytes.get(end) != '\n') {
                end++;
            }
            if (end > start) {
                afterCarriageReturn = false;
                write(bytes, start, end);
            }
            if (end == bytes.limit()) {
                bytes.position(end);
                return;
            }
            byte terminator = bytes.get(end);
            bytes.position(end + 1);
            if (terminator == '\n' && afterCarriageReturn && end == start) {
                afterCarriageReturn = false;
                continue;
            }
            afterCarriageReturn = terminator == '\r';
            endLine();
        }
    }

    private void write(ByteBuffer bytes, int from, int to) {
        if (bytes.hasArray()) {
            line.write(bytes.array(), bytes.arrayOffset() + from, to - from);
        } else {
            for (int i = from; i < to; i++) {
                line.write(bytes.get(i));
            }
        }
    }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch();
        } else if (text.charAt(0) != ':') {
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(text.length() > colon + 1 && text.charAt(colon + 1) == ' '
                    ? colon + 2 : colon + 1);
            field(field, value);
        }
    }

    private void field(String name, String value) {
        switch (name) {
            case "event" -> type = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastEventId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    sink.retry(Duration.ofMillis(value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value)));
                }
            }
            default -> {
                // Unknown fields are ignored, as the standard says.
            }
        }
    }

    private void dispatch() {
        if (data.length() == 0) {
            type = "";
            return;
        }
        data.setLength(data.length() - 1);
        ServerSentEvent event = new ServerSentEvent(type.isEmpty() ? "message" : type, data.toString(), lastEventId);
        data.setLength(0);
        type = "";
        sink.event(event);
    }
}
