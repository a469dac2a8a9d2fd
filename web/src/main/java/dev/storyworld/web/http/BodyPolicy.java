package dev.storyworld.web.http;

import dev.storyworld.common.Violation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The one policy for request bodies (docs: "Request bodies"), checked in a single streaming pass
 * before anything binds: UTF-8 text holding one JSON object and nothing after it; no field twice
 * in an object; no field that the request type does not define (client documents excepted); every
 * string, keys included, without NUL or unpaired surrogates; at most {@link #MAX_DEPTH} levels of
 * nesting; every number short and within the range of a double, so that no later arithmetic on it
 * can run long; every field of its own JSON type ({@link BodyShape}), so that each fault is named.
 * The pass stops at the first nesting violation, so a deep body costs nothing more.
 */
public final class BodyPolicy {

    public static final int MAX_DEPTH = 32;
    /** Longer number literals are refused before anything parses them: big-number parsing is quadratic. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Enough to act on; a body with thousands of faults does not get thousands of lines back. */
    static final int MAX_VIOLATIONS = 50;

    /** The body is not one JSON object: {@code malformed_json}. */
    public static final class Malformed extends Exception {
        Malformed(String detail) {
            super(detail, null, false, false);
        }
    }

    private BodyPolicy() {
    }

    /** Text the body holds: strict UTF-8, else a violation of {@code body}. */
    private static String text(byte[] body, List<Violation> violations) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            violations.add(new Violation("body", "must be valid UTF-8"));
            return null;
        }
    }

    /**
     * The violations of a body bound to {@code type}; empty when it may bind.
     *
     * @throws Malformed when the body is not exactly one JSON object
     */
    public static List<Violation> check(byte[] body, Type type) throws Malformed {
        return inspect(body, type).violations();
    }

    /**
     * The violations of a body, and whether it binds all the same: true when every fault is a field the
     * type does not define or a field given twice (binding then ignores the one, keeps the last of the
     * other), so that the request's own rules can be checked too and reported in the same answer.
     */
    public record Report(List<Violation> violations, boolean bindable) {
    }

    /** As {@link #check}, saying whether the body binds despite its violations. */
    public static Report inspect(byte[] body, Type type) throws Malformed {
        List<Violation> violations = new ArrayList<>();
        String text = text(body, violations);
        if (text == null) {
            return new Report(violations, false);
        }
        Walk walk = new Walk(violations);
        walk.run(text, BodyShape.of(type));
        return new Report(violations.size() > MAX_VIOLATIONS ? violations.subList(0, MAX_VIOLATIONS) : violations,
                violations.size() == walk.unknownOrRepeated);
    }

    /** One pass over the parser's events, with the path and the shape of every open object and array. */
    private static final class Walk {

        private record Level(String path, BodyShape shape, Set<String> keys, int[] index) {
        }

        private final List<Violation> violations;
        private final Deque<Level> open = new ArrayDeque<>();
        private String key;
        /** Violations that do not keep the body from binding: unknown and repeated fields. */
        private int unknownOrRepeated;

        Walk(List<Violation> violations) {
            this.violations = violations;
        }

        void run(String text, BodyShape root) throws Malformed {
            try (JsonParser parser = JsonBinding.JSON.createParser(new StringReader(text))) {
                if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                    throw new Malformed("The request body must be a JSON object");
                }
                open.push(new Level("", root, new HashSet<>(), null));
                while (!open.isEmpty()) {
                    if (!step(parser, parser.next())) {
                        return;
                    }
                }
                if (parser.hasNext()) {
                    throw new Malformed("The request body holds more than one JSON value");
                }
            } catch (JsonParsingException | NoSuchElementException e) {
                throw new Malformed("The request body is not valid JSON");
            }
        }

        /** Handles one event; false when the walk must stop here. */
        private boolean step(JsonParser parser, JsonParser.Event event) {
            Level level = open.peek();
            switch (event) {
                case KEY_NAME -> {
                    key = parser.getString();
                    String path = child(level, key);
                    checkText(path, key);
                    if (!level.keys().add(key)) {
                        violations.add(new Violation(path, "appears more than once"));
                        unknownOrRepeated++;
                    } else if (level.shape() instanceof BodyShape.Fixed fixed && !fixed.fields().containsKey(key)) {
                        violations.add(new Violation(path, "is not a field of this request"));
                        unknownOrRepeated++;
                    }
                }
                case START_OBJECT, START_ARRAY -> {
                    String path = valuePath(level);
                    if (open.size() >= MAX_DEPTH) {
                        violations.add(new Violation(path, "is nested deeper than " + MAX_DEPTH + " levels"));
                        return false;
                    }
                    BodyShape shape = expect(path, shapeOfValue(level), event, null);
                    open.push(event == JsonParser.Event.START_OBJECT
                            ? new Level(path, shape, new HashSet<>(), null)
                            : new Level(path, shape instanceof BodyShape.Items items ? items.item() : BodyShape.Value.ANY,
                            null, new int[1]));
                }
                case END_OBJECT, END_ARRAY -> {
                    open.pop();
                    advance(open.peek());
                }
                case VALUE_STRING -> {
                    String path = valuePath(level);
                    checkText(path, parser.getString());
                    expect(path, shapeOfValue(level), event, null);
                    advance(level);
                }
                case VALUE_NUMBER -> {
                    String path = valuePath(level);
                    if (checkNumber(path, parser.getString())) {
                        expect(path, shapeOfValue(level), event, parser.getString());
                    }
                    advance(level);
                }
                default -> {
                    expect(valuePath(level), shapeOfValue(level), event, null);
                    advance(level);
                }
            }
            return true;
        }

        /**
         * Checks that a value that starts with {@code event} fits the shape expected there; answers
         * the shape to walk it with (a misfit is walked as any value, for the other rules).
         */
        private BodyShape expect(String path, BodyShape shape, JsonParser.Event event, String number) {
            boolean fits = switch (event) {
                case START_OBJECT -> shape instanceof BodyShape.Fixed || shape == BodyShape.Value.DOCUMENT
                        || shape == BodyShape.Value.ANY;
                case START_ARRAY -> shape instanceof BodyShape.Items || shape == BodyShape.Value.ANY;
                case VALUE_STRING -> shape == BodyShape.Value.TEXT || shape == BodyShape.Value.ANY;
                case VALUE_NUMBER -> shape instanceof BodyShape.Value value && value.fitsNumber(number);
                case VALUE_TRUE, VALUE_FALSE -> shape == BodyShape.Value.BOOLEAN || shape == BodyShape.Value.ANY;
                default -> true;
            };
            if (!fits) {
                violations.add(new Violation(path, "must be " + BodyShape.expected(shape)));
                return BodyShape.Value.ANY;
            }
            return shape;
        }

        /** The shape expected of the value that starts now, inside {@code level}. */
        private BodyShape shapeOfValue(Level level) {
            if (level.index() != null) {
                return level.shape();
            }
            return level.shape() instanceof BodyShape.Fixed fixed
                    ? fixed.fields().getOrDefault(key, BodyShape.Value.ANY) : BodyShape.Value.ANY;
        }

        private String valuePath(Level level) {
            return level.index() != null ? level.path() + "[" + level.index()[0] + "]" : child(level, key);
        }

        private static String child(Level level, String name) {
            return level.path().isEmpty() ? name : level.path() + "." + name;
        }

        /** After a value inside an array, the next one has the next index. */
        private static void advance(Level level) {
            if (level != null && level.index() != null) {
                level.index()[0]++;
            }
        }

        private void checkText(String path, String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\u0000') {
                    violations.add(new Violation(path, "must not contain NUL characters"));
                    return;
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    violations.add(new Violation(path, "must be valid Unicode (an unpaired surrogate)"));
                    return;
                }
            }
        }

        /** Whether a number literal is within the rules, which come before its type is looked at. */
        private boolean checkNumber(String path, String literal) {
            if (literal.length() > MAX_NUMBER_LENGTH) {
                violations.add(new Violation(path, "must be at most " + MAX_NUMBER_LENGTH + " characters long"));
                return false;
            }
            double value = Double.parseDouble(literal);
            if (!Double.isFinite(value) || value == 0 && new BigDecimal(literal).signum() != 0) {
                violations.add(new Violation(path, "must be within the range of a double-precision number"));
                return false;
            }
            return true;
        }
    }
}
