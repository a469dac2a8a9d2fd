package dev.storyworld.relationships;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses test documents into what JSON-B/Yasson gives for {@code Object}: LinkedHashMap, ArrayList, BigDecimal,
 * String, Boolean, null. Single quotes stand for double quotes so tables stay readable; {@code NaN},
 * {@code Infinity} and {@code -Infinity} give the Doubles a Java caller could pass.
 */
final class Json {

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text.replace('\'', '"');
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.skipSpace();
        if (json.at != json.text.length()) {
            throw json.error("trailing text");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String text) {
        return (Map<String, Object>) parse(text);
    }

    private Object value() {
        skipSpace();
        char c = text.charAt(at);
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return list();
        }
        if (c == '"') {
            return string();
        }
        for (Map.Entry<String, Object> literal : LITERALS.entrySet()) {
            if (text.startsWith(literal.getKey(), at)) {
                at += literal.getKey().length();
                return literal.getValue();
            }
        }
        int start = at;
        while (at < text.length() && "+-.eE0123456789".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
        if (start == at) {
            throw error("unexpected character");
        }
        return new BigDecimal(text.substring(start, at));
    }

    private static final Map<String, Object> LITERALS = literals();

    private static Map<String, Object> literals() {
        Map<String, Object> literals = new LinkedHashMap<>();
        literals.put("true", Boolean.TRUE);
        literals.put("false", Boolean.FALSE);
        literals.put("null", null);
        literals.put("NaN", Double.NaN);
        literals.put("Infinity", Double.POSITIVE_INFINITY);
        literals.put("-Infinity", Double.NEGATIVE_INFINITY);
        return literals;
    }

    private Map<String, Object> object() {
        Map<String, Object> object = new LinkedHashMap<>();
        at++;
        skipSpace();
        if (text.charAt(at) == '}') {
            at++;
            return object;
        }
        do {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            object.put(key, value());
            skipSpace();
        } while (text.charAt(at++) == ',');
        if (text.charAt(at - 1) != '}') {
            throw error("expected }");
        }
        return object;
    }

    private List<Object> list() {
        List<Object> list = new ArrayList<>();
        at++;
        skipSpace();
        if (text.charAt(at) == ']') {
            at++;
            return list;
        }
        do {
            list.add(value());
            skipSpace();
        } while (text.charAt(at++) == ',');
        if (text.charAt(at - 1) != ']') {
            throw error("expected ]");
        }
        return list;
    }

    private String string() {
        expect('"');
        int end = text.indexOf('"', at);
        String value = text.substring(at, end);
        at = end + 1;
        return value;
    }

    private void expect(char c) {
        if (text.charAt(at++) != c) {
            throw error("expected " + c);
        }
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + at + " in " + text);
    }
}
