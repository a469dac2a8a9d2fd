package dev.storyworld.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query parameter values. */
final class Query {

    private Query() {
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
