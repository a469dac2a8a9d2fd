package dev.storyworld.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each setting's default is written once, in microprofile-config.properties; the docs that tell
 * operators the defaults must say the same.
 */
class SettingsDefaultsTest {

    @Test
    void theDocsGiveTheDefaultsOfTheConfiguration() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            defaults.load(in);
        }
        List<String> docs = Files.readAllLines(Path.of("../docs/api.md"));
        List<String> numeric = defaults.stringPropertyNames().stream()
                .filter(key -> key.startsWith("storyworld.") && defaults.getProperty(key).matches("[0-9]+")).sorted().toList();
        assertThat(numeric).hasSizeGreaterThanOrEqualTo(9);
        for (String key : numeric) {
            String value = defaults.getProperty(key);
            String name = key.replaceFirst("^storyworld\\.rate-limit\\.([a-z-]+)\\.per-minute$", "$1");
            boolean documented = docs.stream().anyMatch(line -> line.startsWith("| `" + key + "` | " + value + " |")
                    || !name.equals(key) && line.startsWith("| `storyworld.rate-limit.")
                    && (line.contains("`" + key + "` | " + value + " |") || line.contains("`" + name + "` (" + value + ")")));
            assertThat(documented).as(key + "=" + value + " in docs/api.md").isTrue();
        }
    }
}
