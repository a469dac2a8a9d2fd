package dev.storyworld.web.sessions;

import dev.storyworld.common.ErrorCode;
import dev.storyworld.common.StoryworldException;
import dev.storyworld.common.Violation;
import dev.storyworld.session.control.VersionMatch;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code If-Match} as RFC 9110 (13.1.1) defines it: {@code *}, or a comma-separated list of entity
 * tags. A session's tag is its version, strong ({@code "3"}); comparison is strong, so a weak tag
 * ({@code W/"3"}) or any other opaque tag never matches. A tag of digits beyond a 64-bit version
 * ({@code "99999999999999999999"}), weak or strong, and anything else is 400 {@code invalid_request}.
 */
final class IfMatch {

    /** One list element: an entity tag, then optional whitespace and a comma or the end. */
    private static final Pattern ELEMENT = Pattern.compile("[ \\t]*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"[ \\t]*(,|$)");
    private static final Pattern EMPTY_ELEMENT = Pattern.compile("[ \\t]*,");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private IfMatch() {
    }

    /** The versions the header allows; {@link VersionMatch#ANY} when it is absent or {@code *}. */
    static VersionMatch parse(List<String> headers) {
        if (headers == null || headers.isEmpty()) {
            return VersionMatch.ANY;
        }
        String value = String.join(",", headers).trim();
        if (value.equals("*")) {
            return VersionMatch.ANY;
        }
        Set<Long> versions = new HashSet<>();
        boolean anyTag = false;
        Matcher element = ELEMENT.matcher(value);
        Matcher empty = EMPTY_ELEMENT.matcher(value);
        int at = 0;
        while (at < value.length()) {
            if (empty.region(at, value.length()).lookingAt()) {
                at = empty.end();
                continue;
            }
            if (!element.region(at, value.length()).lookingAt()) {
                throw malformed();
            }
            anyTag = true;
            String tag = element.group(2);
            if (DIGITS.matcher(tag).matches() && new BigInteger(tag).bitLength() > Long.SIZE - 1) {
                throw outOfRange(tag);
            }
            if (element.group(1) == null && VERSION.matcher(tag).matches()) {
                versions.add(Long.parseLong(tag));
            }
            at = element.end();
        }
        if (!anyTag) {
            throw malformed();
        }
        return new VersionMatch(versions);
    }

    /** A tag of digits is a version, which a 64-bit integer holds: a longer one is refused, not compared. */
    private static StoryworldException outOfRange(String tag) {
        String shown = tag.length() > 24 ? tag.substring(0, 24) + "..." : tag;
        return new StoryworldException(ErrorCode.INVALID_REQUEST, "If-Match holds the version \"" + shown
                + "\", beyond any version a session can have",
                List.of(new Violation("If-Match", "a version tag must be at most " + Long.MAX_VALUE)));
    }

    private static StoryworldException malformed() {
        return new StoryworldException(ErrorCode.INVALID_REQUEST,
                "If-Match must be * or a list of entity tags such as \"3\"",
                List.of(new Violation("If-Match", "must be * or a comma-separated list of quoted entity tags")));
    }
}
