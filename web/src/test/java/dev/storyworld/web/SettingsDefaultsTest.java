package dev.storyworld.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/settings.md is the one table of settings; each module writes its defaults once, in its own
 * microprofile-config.properties. The two must say the same: every default of a file is in the table
 * with that value, and every default the table gives comes from a file.
 */
class SettingsDefaultsTest {

    private static final String CONFIG = "META-INF/microprofile-config.properties";
    /** A row that gives one key and a literal default: | `key` | `value` | meaning | */
    private static final Pattern LITERAL_ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| `([^`]+)` \\|");
    private static final Pattern ROW_KEYS = Pattern.compile("^\\| (`[a-z0-9.-]+`(?:, `[a-z0-9.-]+`)*) \\|");

    @Test
    void theTableAndTheModulesDefaultsAgree() throws IOException {
        Map<String, String> declared = declaredDefaults();
        assertThat(declared).as("defaults of web and session-module").containsKeys(
                "storyworld.request.max-bytes", "storyworld.events.keep-per-session");

        Map<String, String> documented = new TreeMap<>();
        Map<String, Boolean> listed = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("../docs/settings.md"))) {
            Matcher literal = LITERAL_ROW.matcher(line);
            if (literal.find()) {
                documented.put(literal.group(1), literal.group(2));
            }
            Matcher keys = ROW_KEYS.matcher(line);
            if (keys.find()) {
                for (String key : keys.group(1).split(", ")) {
                    listed.put(key.replace("`", ""), true);
                }
            }
        }
        assertThat(documented).as("literal defaults of docs/settings.md").isEqualTo(declared);
        assertThat(listed.keySet()).as("keys of docs/settings.md").containsAll(declared.keySet());
    }

    /** The storyworld.* defaults of every module's configuration file on the class path. */
    private static Map<String, String> declaredDefaults() throws IOException {
        Map<String, String> defaults = new TreeMap<>();
        for (URL file : Collections.list(SettingsDefaultsTest.class.getClassLoader().getResources(CONFIG))) {
            Properties properties = new Properties();
            try (InputStream in = file.openStream()) {
                properties.load(in);
            }
            for (String key : properties.stringPropertyNames()) {
                if (key.startsWith("storyworld.")) {
                    String previous = defaults.put(key, properties.getProperty(key));
                    assertThat(previous).as(key + " declared by two modules").isNull();
                }
            }
        }
        return defaults;
    }
}
