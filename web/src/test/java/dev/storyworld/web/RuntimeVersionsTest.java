package dev.storyworld.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The Payara versions of the scripts (scripts/runtime.sh: the local run, the AOT cache, the benchmarks) are the build's. */
class RuntimeVersionsTest {

    private static String find(String text, String regex) {
        Matcher found = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
        assertThat(found.find()).as(regex).isTrue();
        return found.group(1);
    }

    @Test
    void theScriptsRunTheVersionsTheBuildTests() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        String scripts = Files.readString(Path.of("../scripts/runtime.sh"));
        assertThat(find(scripts, "^PAYARA_MICRO_VERSION=(\\S+)$"))
                .isEqualTo(find(pom, "<payara.micro.version>([^<]+)</payara.micro.version>"));
        assertThat(find(scripts, "^PAYARA6_VERSION=(\\S+)$"))
                .isEqualTo(find(pom, "<payara6.version>([^<]+)</payara6.version>"));
    }
}
