package dev.storyworld.web.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Media types and the {@code Accept} family of headers as RFC 9110 writes them (5.6, 8.3.1, 12.4.2,
 * 12.5.1): type, subtype and parameter names compared case-insensitively, parameter values as tokens
 * or quoted strings, weights of at most three decimals from 0 to 1, and the most specific range that
 * matches a type deciding its weight, so {@code application/json;q=0, *}{@code /*} refuses JSON.
 * JAX-RS compares none of this as the RFC does (a range of {@code Application/JSON} failed to find a
 * writer, {@code q=0} was ignored, a charset of the range was copied into the answer); {@link Negotiation}
 * decides with this instead, before any work.
 */
public final class MediaRanges {

    /** A header that breaks the grammar; the request is refused with 400 and this as the reason. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** A media type or range, lower-cased, with its parameters (names lower-cased, values as sent) but not {@code q}. */
    public record MediaType(String type, String subtype, Map<String, String> parameters) {

        public String essence() {
            return type + "/" + subtype;
        }

        /** The {@code charset} parameter, lower-cased, if any. */
        public Optional<String> charset() {
            return Optional.ofNullable(parameters.get("charset")).map(value -> value.toLowerCase(Locale.ROOT));
        }

        /** Whether this range (possibly {@code *}) covers the type of that essence. */
        boolean covers(MediaType concrete) {
            return (type.equals("*") || type.equals(concrete.type))
                    && (subtype.equals("*") || subtype.equals(concrete.subtype));
        }

        /** How specific a range is: a full type beats {@code type/*}, which beats {@code *}{@code /*}; parameters add. */
        int specificity() {
            return (type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2) * 100 + parameters.size();
        }
    }

    /** One element of an {@code Accept} header, weighted in thousandths (1000 is q=1). */
    public record Range(MediaType range, int weight) {
    }

    private MediaRanges() {
    }

    /** A {@code Content-Type}: exactly one media type, no wildcards. */
    public static MediaType contentType(String header) throws Malformed {
        Cursor in = new Cursor(header);
        in.skipSpace();
        MediaType type = in.mediaType(false);
        in.skipSpace();
        if (!in.atEnd()) {
            throw new Malformed("Content-Type must be one media type, such as application/json");
        }
        if (type.parameters().containsKey("q")) {
            throw new Malformed("Content-Type takes no q parameter");
        }
        return type;
    }

    /** The elements of one or more {@code Accept} header lines; empty elements are allowed (RFC 9110 5.6.1). */
    public static List<Range> accept(List<String> headers) throws Malformed {
        List<Range> ranges = new ArrayList<>();
        for (String header : headers) {
            Cursor in = new Cursor(header);
            while (in.nextElement()) {
                MediaType range = in.mediaType(true);
                String q = range.parameters().get("q");
                Map<String, String> parameters = new LinkedHashMap<>(range.parameters());
                parameters.remove("q");
                ranges.add(new Range(new MediaType(range.type(), range.subtype(), Map.copyOf(parameters)),
                        q == null ? 1000 : weight(q)));
                in.skipSpace();
                if (!in.atEnd() && in.next() != ',') {
                    throw new Malformed("Accept must be a comma-separated list of media ranges");
                }
            }
        }
        return ranges;
    }

    /**
     * The weight an {@code Accept} gives a concrete type: that of the most specific range that covers
     * it, where a range with parameters covers the type only when the type has each of them (and a
     * {@code charset} matches case-insensitively). No {@code Accept} at all accepts everything.
     */
    public static int weight(List<Range> accept, MediaType concrete) {
        if (accept.isEmpty()) {
            return 1000;
        }
        Range best = null;
        for (Range candidate : accept) {
            MediaType range = candidate.range();
            if (!range.covers(concrete) || !parametersHold(range, concrete)) {
                continue;
            }
            if (best == null || range.specificity() > best.range().specificity()) {
                best = candidate;
            }
        }
        return best == null ? 0 : best.weight();
    }

    private static boolean parametersHold(MediaType range, MediaType concrete) {
        for (Map.Entry<String, String> parameter : range.parameters().entrySet()) {
            String value = concrete.parameters().get(parameter.getKey());
            boolean caseless = parameter.getKey().equals("charset");
            if (value == null || !(caseless ? value.equalsIgnoreCase(parameter.getValue()) : value.equals(parameter.getValue()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The weight an {@code Accept-Charset} gives a charset: its own element's, else that of {@code *},
     * else 0; no header accepts every charset. Elements are tokens with an optional weight.
     */
    public static int charsetWeight(List<String> headers, String charset) throws Malformed {
        Integer own = null;
        Integer any = null;
        boolean elements = false;
        for (String header : headers) {
            Cursor in = new Cursor(header);
            while (in.nextElement()) {
                String name = in.token("a charset").toLowerCase(Locale.ROOT);
                int weight = 1000;
                in.skipSpace();
                if (!in.atEnd() && in.peek() == ';') {
                    in.next();
                    in.skipSpace();
                    String parameter = in.token("a parameter").toLowerCase(Locale.ROOT);
                    if (!parameter.equals("q") || in.atEnd() || in.next() != '=') {
                        throw new Malformed("Accept-Charset elements take only a weight, such as ;q=0.5");
                    }
                    weight = weight(in.token("a weight"));
                    in.skipSpace();
                }
                if (!in.atEnd() && in.next() != ',') {
                    throw new Malformed("Accept-Charset must be a comma-separated list of charsets");
                }
                elements = true;
                if (name.equals(charset)) {
                    own = weight;
                } else if (name.equals("*")) {
                    any = weight;
                }
            }
        }
        if (!elements) {
            return 1000;
        }
        return own != null ? own : any != null ? any : 0;
    }

    /** {@code qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )}, in thousandths. */
    static int weight(String q) throws Malformed {
        if (!q.matches("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?")) {
            throw new Malformed("A weight must be q=0 to q=1 with at most three decimals, not q=" + abbreviated(q));
        }
        if (q.startsWith("1")) {
            return 1000;
        }
        String decimals = q.length() > 2 ? q.substring(2) : "";
        return decimals.isEmpty() ? 0 : Integer.parseInt((decimals + "00").substring(0, 3));
    }

    private static String abbreviated(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "..." : text;
    }

    /** A reader of one header value by the RFC's grammar. */
    private static final class Cursor {
        private final String text;
        private int at;

        Cursor(String text) {
            this.text = text == null ? "" : text;
        }

        boolean atEnd() {
            return at >= text.length();
        }

        char peek() {
            return text.charAt(at);
        }

        char next() {
            return text.charAt(at++);
        }

        /** Skips whitespace and empty list elements; whether another element follows. */
        boolean nextElement() {
            while (true) {
                skipSpace();
                if (atEnd()) {
                    return false;
                }
                if (peek() != ',') {
                    return true;
                }
                at++;
            }
        }

        void skipSpace() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
        }

        String token(String what) throws Malformed {
            int start = at;
            while (!atEnd() && tokenChar(peek())) {
                at++;
            }
            if (start == at) {
                throw new Malformed("Expected " + what + " at position " + start + " of the header");
            }
            return text.substring(start, at);
        }

        MediaType mediaType(boolean range) throws Malformed {
            String type = token("a media type").toLowerCase(Locale.ROOT);
            if (atEnd() || next() != '/') {
                throw new Malformed("A media type is type/subtype, such as application/json");
            }
            String subtype = token("a media subtype").toLowerCase(Locale.ROOT);
            if (!range && (type.equals("*") || subtype.equals("*"))) {
                throw new Malformed("A media type cannot be a wildcard here");
            }
            if (type.equals("*") && !subtype.equals("*")) {
                throw new Malformed("*/" + abbreviated(subtype) + " is not a media range");
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            while (true) {
                int mark = at;
                skipSpace();
                if (atEnd() || peek() != ';') {
                    at = mark;
                    break;
                }
                next();
                skipSpace();
                if (atEnd() || peek() == ',') {
                    break;
                }
                String name = token("a parameter name").toLowerCase(Locale.ROOT);
                if (atEnd() || next() != '=') {
                    throw new Malformed("A parameter is name=value, such as charset=utf-8");
                }
                String value = !atEnd() && peek() == '"' ? quoted() : token("a parameter value");
                if (parameters.put(name, value) != null) {
                    throw new Malformed("The parameter " + abbreviated(name) + " is given twice");
                }
            }
            return new MediaType(type, subtype, Map.copyOf(parameters));
        }

        private String quoted() throws Malformed {
            next();
            StringBuilder value = new StringBuilder();
            while (!atEnd()) {
                char c = next();
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (atEnd()) {
                        break;
                    }
                    c = next();
                }
                if (c < 0x20 && c != '\t' || c == 0x7F) {
                    throw new Malformed("A control character in a quoted parameter value");
                }
                value.append(c);
            }
            throw new Malformed("A quoted parameter value is not closed");
        }

        private static boolean tokenChar(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
        }
    }
}
